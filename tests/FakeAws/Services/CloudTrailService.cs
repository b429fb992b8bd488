using System.Text.Json.Nodes;
using Dashboard.Core.Inventory;
using FakeAws.Wire;
using static FakeAws.Wire.J;

namespace FakeAws.Services;

/// <summary>CloudTrail: multi-region trails also appear, as shadow trails, in every other region.</summary>
public sealed class CloudTrailService : ServiceHandler
{
    public CloudTrailService()
    {
        On("DescribeTrails", DescribeTrails);
        On("GetTrailStatus", GetTrailStatus);
        On("GetEventSelectors", GetEventSelectors);
    }

    public override ServiceInfo Info => ServiceInfo.All["cloudtrail"];

    public override string? Resource(Call call) => call.J("Name") ?? call.J("TrailName");

    private static IEnumerable<Trail> Visible(Call call) =>
        call.Inventory.CloudTrail.Trails.Where(t => t.HomeRegion == call.Region || (t.IsMultiRegionTrail && call.Account.IsEnabled(t.HomeRegion)));

    private static Trail Find(Call call, string? nameOrArn)
    {
        var trail = nameOrArn is not null && nameOrArn.StartsWith("arn:", StringComparison.Ordinal)
            ? Visible(call).FirstOrDefault(t => t.Arn == nameOrArn)
            : call.Inventory.CloudTrail.Trails.FirstOrDefault(t => t.Name == nameOrArn && t.HomeRegion == call.Region);
        return trail ?? throw new AwsException("TrailNotFoundException", $"Unknown trail: {nameOrArn} for the user: {call.Inventory.AccountId}");
    }

    private static object DescribeTrails(Call call)
    {
        var names = call.JList("trailNameList");
        var shadows = call.JBool("includeShadowTrails") ?? true;
        var trails = Visible(call)
            .Where(t => shadows || t.HomeRegion == call.Region)
            .Where(t => names.Count == 0 || names.Contains(t.Name) || names.Contains(t.Arn));
        return O(("trailList", A(trails, t => O(
            ("Name", t.Name),
            ("S3BucketName", t.S3BucketName),
            ("IncludeGlobalServiceEvents", t.IsMultiRegionTrail),
            ("IsMultiRegionTrail", t.IsMultiRegionTrail),
            ("HomeRegion", t.HomeRegion),
            ("TrailARN", t.Arn),
            ("LogFileValidationEnabled", t.LogFileValidationEnabled),
            ("CloudWatchLogsLogGroupArn", t.CloudWatchLogsLogGroupArn),
            ("CloudWatchLogsRoleArn", t.CloudWatchLogsLogGroupArn is null ? null : $"arn:{call.Inventory.Partition}:iam::{call.Inventory.AccountId}:role/CloudTrail_CloudWatchLogs_Role"),
            ("KmsKeyId", t.KmsKeyId),
            ("HasCustomEventSelectors", t.EventSelectors.Count > 0 || t.AdvancedEventSelectors.Count > 0),
            ("HasInsightSelectors", false),
            ("IsOrganizationTrail", t.IsOrganizationTrail)))));
    }

    private static object GetTrailStatus(Call call)
    {
        var t = Find(call, call.J("Name"));
        var logging = t.IsLogging ?? true;
        var last = call.Inventory.CollectedAt.AddMinutes(-7);
        return O(
            ("IsLogging", logging),
            ("LatestDeliveryError", t.LatestDeliveryError),
            ("LatestDeliveryTime", last),
            ("StartLoggingTime", logging ? call.Inventory.CollectedAt.AddDays(-365) : null),
            ("StopLoggingTime", logging ? null : call.Inventory.CollectedAt.AddDays(-20)),
            ("LatestCloudWatchLogsDeliveryTime", t.CloudWatchLogsLogGroupArn is null ? null : last),
            ("LatestDigestDeliveryTime", t.LogFileValidationEnabled ? last : null),
            ("TimeLoggingStarted", logging ? Iso(call.Inventory.CollectedAt.AddDays(-365)) : null),
            ("TimeLoggingStopped", logging ? null : Iso(call.Inventory.CollectedAt.AddDays(-20))));
    }

    private static object GetEventSelectors(Call call)
    {
        var t = Find(call, call.J("TrailName"));
        var result = O(("TrailARN", t.Arn));
        if (t.AdvancedEventSelectors.Count > 0)
        {
            result["AdvancedEventSelectors"] = A(t.AdvancedEventSelectors, s => O(
                ("Name", s.Name),
                ("FieldSelectors", A(s.FieldSelectors, f => O(
                    ("Field", f.Field),
                    ("Equals", NonEmpty(f.EqualsValues)),
                    ("StartsWith", NonEmpty(f.StartsWith)),
                    ("NotEquals", NonEmpty(f.NotEqualsValues)),
                    ("NotStartsWith", NonEmpty(f.NotStartsWith)))))));
        }
        else
        {
            result["EventSelectors"] = A(t.EventSelectors, s => O(
                ("ReadWriteType", s.ReadWriteType),
                ("IncludeManagementEvents", s.IncludeManagementEvents),
                ("DataResources", A(s.DataResources, d => O(("Type", d.Type), ("Values", Strings(d.Values))))),
                ("ExcludeManagementEventSources", Strings(s.ExcludeManagementEventSources))));
        }

        return result;
    }

    private static JsonArray? NonEmpty(IReadOnlyList<string> values) => values.Count == 0 ? null : Strings(values);
}
