using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.CloudTrail;

/// <summary>
/// CIS v5 3.1 with checklist X9: at least one trail is multi-Region, is logging, records read and write management events,
/// and validates its log files. One account-level result.
/// </summary>
public sealed class CloudTrailMultiRegionLogging : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "cloudtrail_multi_region_logging",
        Title = "A multi-Region CloudTrail trail records all management events with validated log files",
        Service = "cloudtrail",
        ResourceType = "AWS::::Account",
        Severity = Severity.High,
        Rationale = "Investigating an incident needs a complete, trustworthy record of API activity in every Region, including Regions nobody "
            + "meant to use. Read events show reconnaissance, write events show changes, and log file validation shows whether the record was altered.",
        Remediation = new Remediation(
            Steps: "Create (or fix) one trail that applies to all Regions, records management events for both reads and writes, has log file "
                + "validation enabled and is logging. In an AWS Organization an organization trail from the management account covers every member account.",
            Cli: "aws cloudtrail create-trail --name account-audit --s3-bucket-name <log-bucket> \\\n"
                + "  --is-multi-region-trail --enable-log-file-validation\n"
                + "aws cloudtrail put-event-selectors --trail-name account-audit \\\n"
                + "  --event-selectors '[{\"ReadWriteType\": \"All\", \"IncludeManagementEvents\": true}]'\n"
                + "aws cloudtrail start-logging --name account-audit",
            Terraform: "resource \"aws_cloudtrail\" \"audit\" {\n"
                + "  name                          = \"account-audit\"\n"
                + "  s3_bucket_name                = aws_s3_bucket.trail.id\n"
                + "  is_multi_region_trail         = true\n"
                + "  include_global_service_events = true\n"
                + "  enable_log_file_validation    = true\n"
                + "  enable_logging                = true\n"
                + "  event_selector {\n"
                + "    read_write_type           = \"All\"\n"
                + "    include_management_events = true\n"
                + "  }\n"
                + "}",
            CloudFormation: "Trail:\n"
                + "  Type: AWS::CloudTrail::Trail\n"
                + "  Properties:\n"
                + "    S3BucketName: !Ref TrailBucket\n"
                + "    IsLogging: true\n"
                + "    IsMultiRegionTrail: true\n"
                + "    IncludeGlobalServiceEvents: true\n"
                + "    EnableLogFileValidation: true\n"
                + "    EventSelectors:\n"
                + "      - ReadWriteType: All\n"
                + "        IncludeManagementEvents: true"),
        References =
        [
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html",
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html",
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
        ],
        DataSources = [Sources.CloudTrailDescribeTrails, Sources.CloudTrailTrailStatus, Sources.CloudTrailEventSelectors],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var accountId = context.Inventory.AccountId;

        // A trail list with a Region missing could hide the trail that passes, or show one that does not exist any more.
        if (context.FirstError(Sources.CloudTrailDescribeTrails) is { } listError)
        {
            yield return Error(Regions.Global, accountId, null, listError);
            yield break;
        }

        var assessments = context.Inventory.CloudTrail.Trails.Select(t => Assess(context, t)).ToList();
        if (assessments.Count == 0)
        {
            yield return Fail(Regions.Global, accountId, null, "the account has no CloudTrail trail");
            yield break;
        }

        if (assessments.FirstOrDefault(a => a.Missing.Count == 0 && a.Unknown is null) is { } passing)
        {
            yield return Pass(Regions.Global, accountId, null,
                $"trail {passing.Trail.Name} is multi-Region, logging, records read and write management events and validates log files",
                Evidence(passing));
            yield break;
        }

        // A trail that fails nothing we could see might still pass: its missing data decides, so the verdict is Error.
        if (assessments.FirstOrDefault(a => a.Missing.Count == 0) is { Unknown: { } unknown } undecided)
        {
            yield return unknown.Error is { } error
                ? Error(Regions.Global, accountId, null, error)
                : Result(ResultStatus.Error, Regions.Global, accountId, null, $"trail {undecided.Trail.Name}: {unknown.Reason}", Evidence(undecided));
            yield break;
        }

        var closest = assessments
            .OrderBy(a => a.Missing.Count)
            .ThenByDescending(a => a.Trail.IsMultiRegionTrail)
            .ThenBy(a => a.Trail.Arn, StringComparer.Ordinal)
            .First();
        yield return Fail(Regions.Global, accountId, null,
            $"no trail meets every requirement; the closest, {closest.Trail.Name}, {string.Join(", ", closest.Missing)}", Evidence(closest));
    }

    private static TrailAssessment Assess(EvaluationContext context, Trail trail)
    {
        var missing = new List<string>();
        Unknown? unknown = null;
        if (!trail.IsMultiRegionTrail)
        {
            missing.Add("applies to its home Region only");
        }

        if (!trail.LogFileValidationEnabled)
        {
            missing.Add("does not validate log files");
        }

        var statusError = context.ErrorAbout(Sources.CloudTrailTrailStatus, trail.Arn, trail.Name);
        if (statusError is not null || trail.IsLogging is null)
        {
            unknown = new Unknown(statusError, "logging status was not collected");
        }
        else if (trail.IsLogging == false)
        {
            missing.Add("is not logging");
        }

        var selectorError = context.ErrorAbout(Sources.CloudTrailEventSelectors, trail.Arn, trail.Name);
        if (selectorError is not null)
        {
            unknown ??= new Unknown(selectorError, "event selectors were not collected");
        }
        else if (ManagementEventCoverage(trail) is { } gap)
        {
            missing.Add(gap);
        }

        return new TrailAssessment(trail, missing, unknown);
    }

    /// <summary>Null when the trail records management events for both reads and writes, otherwise what it misses.</summary>
    private static string? ManagementEventCoverage(Trail trail)
    {
        var (reads, writes) = (false, false);
        foreach (var selector in trail.EventSelectors.Where(s => s.IncludeManagementEvents))
        {
            reads |= Is(selector.ReadWriteType, "All") || Is(selector.ReadWriteType, "ReadOnly");
            writes |= Is(selector.ReadWriteType, "All") || Is(selector.ReadWriteType, "WriteOnly");
        }

        foreach (var selector in trail.AdvancedEventSelectors)
        {
            var category = selector.FieldSelectors.FirstOrDefault(f => Is(f.Field, "eventCategory"));
            if (category is null || !category.EqualsValues.Any(v => Is(v, "Management")))
            {
                continue;
            }

            // Without a readOnly field the selector takes both; with one it takes the side(s) it names.
            var readOnly = selector.FieldSelectors.FirstOrDefault(f => Is(f.Field, "readOnly"));
            reads |= readOnly is null || readOnly.EqualsValues.Any(v => Is(v, "true")) || readOnly.NotEqualsValues.Any(v => Is(v, "false"));
            writes |= readOnly is null || readOnly.EqualsValues.Any(v => Is(v, "false")) || readOnly.NotEqualsValues.Any(v => Is(v, "true"));
        }

        return (reads, writes) switch
        {
            (true, true) => null,
            (true, false) => "records read but not write management events",
            (false, true) => "records write but not read management events",
            _ => "does not record management events",
        };
    }

    private static (string, string)[] Evidence(TrailAssessment assessment)
    {
        var trail = assessment.Trail;
        var evidence = new List<(string, string)>
        {
            ("trail", trail.Arn),
            ("homeRegion", trail.HomeRegion),
            ("isMultiRegionTrail", Bool(trail.IsMultiRegionTrail)),
            ("isOrganizationTrail", Bool(trail.IsOrganizationTrail)),
            ("isLogging", trail.IsLogging is { } logging ? Bool(logging) : "unknown"),
            ("logFileValidationEnabled", Bool(trail.LogFileValidationEnabled)),
        };
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

    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static string Bool(bool value) => value ? "true" : "false";

    private sealed record Unknown(CollectionError? Error, string Reason);

    private sealed record TrailAssessment(Trail Trail, IReadOnlyList<string> Missing, Unknown? Unknown);
}
