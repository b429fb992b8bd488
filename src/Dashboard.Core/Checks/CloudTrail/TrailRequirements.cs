using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.CloudTrail;

/// <summary>What a trail must do to count for an account-level check. Combine with |.</summary>
[Flags]
internal enum TrailRequirement
{
    None = 0,
    MultiRegion = 1,
    Logging = 2,
    ManagementEvents = 4,
    LogFileValidation = 8,
    CloudWatchLogs = 16,
    S3DataWrite = 32,
    S3DataRead = 64,

    /// <summary>CIS v5 3.1: the trail every other logging control builds on.</summary>
    AllManagementEvents = MultiRegion | Logging | ManagementEvents,
}

/// <param name="Missing">What the trail fails, in words that follow its name ("is not logging").</param>
/// <param name="Unknown">Why a requirement could not be judged (its data was not collected), or null.</param>
internal sealed record TrailAssessment(Trail Trail, IReadOnlyList<string> Missing, CollectionError? UnknownError, string? Unknown)
{
    public bool Qualifies => Missing.Count == 0 && Unknown is null;

    /// <summary>Fails nothing we could see, but a requirement could not be judged.</summary>
    public bool Undecided => Missing.Count == 0 && Unknown is not null;
}

/// <summary>Judges trails against <see cref="TrailRequirement"/>s; shared by every account-level CloudTrail and monitoring check.</summary>
internal static class TrailRequirements
{
    public static TrailAssessment Assess(EvaluationContext context, Trail trail, TrailRequirement required)
    {
        var missing = new List<string>();
        CollectionError? unknownError = null;
        string? unknown = null;

        if (required.HasFlag(TrailRequirement.MultiRegion) && !trail.IsMultiRegionTrail)
        {
            missing.Add("applies to its home Region only");
        }

        if (required.HasFlag(TrailRequirement.LogFileValidation) && !trail.LogFileValidationEnabled)
        {
            missing.Add("does not validate log files");
        }

        if (required.HasFlag(TrailRequirement.CloudWatchLogs) && string.IsNullOrEmpty(trail.CloudWatchLogsLogGroupArn))
        {
            missing.Add("does not send its events to CloudWatch Logs");
        }

        if (required.HasFlag(TrailRequirement.Logging))
        {
            var statusError = context.ErrorAbout(Sources.CloudTrailTrailStatus, trail.Arn, trail.Name);
            if (statusError is not null || trail.IsLogging is null)
            {
                (unknownError, unknown) = (statusError, "logging status was not collected");
            }
            else if (trail.IsLogging == false)
            {
                missing.Add("is not logging");
            }
        }

        var selectorsNeeded = required & (TrailRequirement.ManagementEvents | TrailRequirement.S3DataWrite | TrailRequirement.S3DataRead);
        if (selectorsNeeded != TrailRequirement.None)
        {
            if (context.ErrorAbout(Sources.CloudTrailEventSelectors, trail.Arn, trail.Name) is { } selectorError)
            {
                if (unknown is null)
                {
                    (unknownError, unknown) = (selectorError, "event selectors were not collected");
                }
            }
            else
            {
                if (selectorsNeeded.HasFlag(TrailRequirement.ManagementEvents) && ManagementEventGap(trail) is { } gap)
                {
                    missing.Add(gap);
                }

                if (selectorsNeeded.HasFlag(TrailRequirement.S3DataWrite) && !LogsAllS3ObjectEvents(trail, context.Inventory.Partition, write: true))
                {
                    missing.Add("does not log S3 object-level write events for all buckets");
                }

                if (selectorsNeeded.HasFlag(TrailRequirement.S3DataRead) && !LogsAllS3ObjectEvents(trail, context.Inventory.Partition, write: false))
                {
                    missing.Add("does not log S3 object-level read events for all buckets");
                }
            }
        }

        return new TrailAssessment(trail, missing, unknownError, unknown);
    }

    /// <summary>The requirements as a phrase that follows a trail's name, e.g. "is multi-Region, is logging and validates log files".</summary>
    public static string Describe(TrailRequirement required)
    {
        var parts = new List<string>();
        Add(TrailRequirement.MultiRegion, "is multi-Region");
        Add(TrailRequirement.Logging, "is logging");
        Add(TrailRequirement.ManagementEvents, "records read and write management events");
        Add(TrailRequirement.LogFileValidation, "validates log files");
        Add(TrailRequirement.CloudWatchLogs, "sends its events to CloudWatch Logs");
        Add(TrailRequirement.S3DataWrite, "logs S3 object-level write events for all buckets");
        Add(TrailRequirement.S3DataRead, "logs S3 object-level read events for all buckets");
        return parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];

        void Add(TrailRequirement flag, string text)
        {
            if (required.HasFlag(flag))
            {
                parts.Add(text);
            }
        }
    }

    /// <summary>The trail that fails the fewest requirements, preferring multi-Region trails, for a Fail reason.</summary>
    public static TrailAssessment Closest(IEnumerable<TrailAssessment> assessments) =>
        assessments
            .OrderBy(a => a.Missing.Count)
            .ThenByDescending(a => a.Trail.IsMultiRegionTrail)
            .ThenBy(a => a.Trail.Arn, StringComparer.Ordinal)
            .First();

    public static (string, string)[] Evidence(Trail trail)
    {
        var evidence = new List<(string, string)>
        {
            ("trail", trail.Arn),
            ("homeRegion", trail.HomeRegion),
            ("isMultiRegionTrail", Bool(trail.IsMultiRegionTrail)),
            ("isOrganizationTrail", Bool(trail.IsOrganizationTrail)),
            ("isLogging", trail.IsLogging is { } logging ? Bool(logging) : "unknown"),
            ("logFileValidationEnabled", Bool(trail.LogFileValidationEnabled)),
        };
        if (!string.IsNullOrEmpty(trail.CloudWatchLogsLogGroupArn))
        {
            evidence.Add(("cloudWatchLogsLogGroupArn", trail.CloudWatchLogsLogGroupArn));
        }

        if (!string.IsNullOrEmpty(trail.LatestDeliveryError))
        {
            evidence.Add(("latestDeliveryError", trail.LatestDeliveryError));
        }

        var excluded = trail.EventSelectors.SelectMany(s => s.ExcludeManagementEventSources).Distinct(StringComparer.Ordinal).ToList();
        if (excluded.Count > 0)
        {
            evidence.Add(("excludedManagementEventSources", string.Join(", ", excluded)));
        }

        return [.. evidence];
    }

    /// <summary>Null when the trail records management events for both reads and writes, otherwise what it misses.</summary>
    public static string? ManagementEventGap(Trail trail)
    {
        var (reads, writes) = (false, false);
        foreach (var selector in trail.EventSelectors.Where(s => s.IncludeManagementEvents))
        {
            reads |= Is(selector.ReadWriteType, "All") || Is(selector.ReadWriteType, "ReadOnly");
            writes |= Is(selector.ReadWriteType, "All") || Is(selector.ReadWriteType, "WriteOnly");
        }

        foreach (var selector in trail.AdvancedEventSelectors.Where(s => Category(s, "Management")))
        {
            var (r, w) = ReadWriteSides(selector);
            reads |= r;
            writes |= w;
        }

        return (reads, writes) switch
        {
            (true, true) => null,
            (true, false) => "records read but not write management events",
            (false, true) => "records write but not read management events",
            _ => "does not record management events",
        };
    }

    /// <summary>
    /// Whether the trail logs S3 object-level events of the given side for every bucket: a basic selector on all S3 objects
    /// (arn:partition:s3 or arn:partition:s3:::), or an advanced Data selector on AWS::S3::Object without anything that narrows it.
    /// </summary>
    public static bool LogsAllS3ObjectEvents(Trail trail, string partition, bool write)
    {
        string[] everyObject = [$"arn:{partition}:s3", $"arn:{partition}:s3:::"];
        foreach (var selector in trail.EventSelectors)
        {
            var side = Is(selector.ReadWriteType, "All") || Is(selector.ReadWriteType, write ? "WriteOnly" : "ReadOnly");
            if (side && selector.DataResources.Any(d => Is(d.Type, "AWS::S3::Object") && d.Values.Any(v => everyObject.Contains(v, StringComparer.Ordinal))))
            {
                return true;
            }
        }

        foreach (var selector in trail.AdvancedEventSelectors.Where(s => Category(s, "Data")))
        {
            var type = selector.FieldSelectors.FirstOrDefault(f => Is(f.Field, "resources.type"));
            if (type is null || !type.EqualsValues.Any(v => Is(v, "AWS::S3::Object")))
            {
                continue;
            }

            var (reads, writes) = ReadWriteSides(selector);
            var narrowed = selector.FieldSelectors.Any(f => !IsHarmless(f, everyObject));
            if (!narrowed && (write ? writes : reads))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHarmless(AdvancedFieldSelector field, string[] everyObject) => field.Field switch
    {
        "eventCategory" or "resources.type" or "readOnly" => true,
        "eventSource" => field.EqualsValues.All(v => Is(v, "s3.amazonaws.com")) && NoOtherConditions(field, equalsAllowed: true),
        "resources.ARN" => field.StartsWith.Count > 0 && field.StartsWith.All(v => everyObject.Contains(v, StringComparer.Ordinal))
            && field.EqualsValues.Count == 0 && NoOtherConditions(field, equalsAllowed: false),
        _ => false,
    };

    private static bool NoOtherConditions(AdvancedFieldSelector field, bool equalsAllowed) =>
        field.NotEqualsValues.Count == 0 && field.NotStartsWith.Count == 0 && (equalsAllowed || field.EqualsValues.Count == 0);

    private static bool Category(AdvancedEventSelector selector, string category) =>
        selector.FieldSelectors.FirstOrDefault(f => Is(f.Field, "eventCategory")) is { } field && field.EqualsValues.Any(v => Is(v, category));

    /// <summary>Without a readOnly field a selector takes both sides; with one it takes the side(s) it names.</summary>
    private static (bool Reads, bool Writes) ReadWriteSides(AdvancedEventSelector selector)
    {
        var readOnly = selector.FieldSelectors.FirstOrDefault(f => Is(f.Field, "readOnly"));
        return readOnly is null
            ? (true, true)
            : (readOnly.EqualsValues.Any(v => Is(v, "true")) || readOnly.NotEqualsValues.Any(v => Is(v, "false")),
                readOnly.EqualsValues.Any(v => Is(v, "false")) || readOnly.NotEqualsValues.Any(v => Is(v, "true")));
    }

    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static string Bool(bool value) => value ? "true" : "false";
}
