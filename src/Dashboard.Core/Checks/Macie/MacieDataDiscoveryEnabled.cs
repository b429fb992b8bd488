using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Macie;

/// <summary>
/// CIS v5 2.1.3 (Manual): sensitive data in S3 is discovered and classified. Per region that holds buckets: Pass when
/// Macie is enabled with automated discovery or a classification job; otherwise Manual, since other tooling is an
/// accepted alternative. A region neither collected nor failed gets no result.
/// </summary>
public sealed class MacieDataDiscoveryEnabled : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "macie_data_discovery_enabled",
        Title = "Sensitive data in S3 is discovered and classified",
        Service = "macie",
        ResourceType = "AWS::Macie::Session",
        Severity = Severity.Low,
        Rationale = "You cannot protect data you do not know you hold. Automated discovery finds personal or financial data in buckets "
            + "that were never meant to hold it, before an exposure does.",
        Remediation = new Remediation(
            Steps: "Enable Amazon Macie in each region that holds buckets (from the delegated administrator for the whole organization), "
                + "turn on automated sensitive data discovery, and review its findings. If another tool classifies S3 data, record that "
                + "as the accepted alternative.",
            Cli: "aws macie2 enable-macie --region <region>\n"
                + "aws macie2 update-automated-discovery-configuration --status ENABLED --region <region>",
            Terraform: "resource \"aws_macie2_account\" \"this\" {}\n\n"
                + "resource \"aws_macie2_classification_job\" \"weekly\" {\n"
                + "  job_type = \"SCHEDULED\"\n"
                + "  name     = \"weekly-s3-discovery\"\n"
                + "  schedule_frequency { weekly_schedule = \"MONDAY\" }\n"
                + "  s3_job_definition {\n"
                + "    bucket_definitions {\n"
                + "      account_id = data.aws_caller_identity.current.account_id\n"
                + "      buckets    = [\"<bucket>\"]\n"
                + "    }\n"
                + "  }\n"
                + "  depends_on = [aws_macie2_account.this]\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/macie/latest/user/discovery-asdd.html",
            "https://docs.aws.amazon.com/macie/latest/user/getting-started.html",
        ],
        DataSources = [Sources.S3ListBuckets, Sources.MacieSession, Sources.MacieAutomatedDiscovery, Sources.MacieClassificationJobs],
        ManualReview = true,
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        if (context.FirstError(Sources.S3ListBuckets) is { } listError)
        {
            yield return Error(Regions.Global, "buckets", null, listError);
            yield break;
        }

        var bucketsByRegion = inventory.S3.Buckets.GroupBy(b => b.Region, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (bucketsByRegion.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no S3 buckets");
            yield break;
        }

        foreach (var (region, buckets) in bucketsByRegion.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (ErrorFor(context, region) is { } error)
            {
                yield return Error(region, inventory.AccountId, null, error);
                continue;
            }

            if (!inventory.Macie.Regions.TryGetValue(region, out var macie))
            {
                continue;
            }

            (string, string)[] evidence =
            [
                ("macieStatus", macie.Status),
                ("automatedDiscovery", macie.AutomatedDiscoveryEnabled ? "ENABLED" : "DISABLED"),
                ("classificationJobs", macie.ClassificationJobCount.ToString(CultureInfo.InvariantCulture)),
                ("buckets", buckets.ToString(CultureInfo.InvariantCulture)),
            ];
            var enabled = string.Equals(macie.Status, "ENABLED", StringComparison.OrdinalIgnoreCase);
            if (enabled && (macie.AutomatedDiscoveryEnabled || macie.ClassificationJobCount > 0))
            {
                yield return Pass(region, inventory.AccountId, null,
                    macie.AutomatedDiscoveryEnabled ? "Macie runs automated sensitive data discovery" : "Macie has classification jobs for this region's buckets",
                    evidence);
            }
            else if (enabled)
            {
                yield return Manual(region, inventory.AccountId, null,
                    $"Macie is enabled but neither automated discovery nor a classification job covers the {buckets} buckets here; confirm another tool does",
                    evidence);
            }
            else
            {
                yield return Manual(region, inventory.AccountId, null,
                    $"Macie is {macie.Status.ToLowerInvariant()} in a region with {buckets} buckets; confirm another tool discovers sensitive data here",
                    evidence);
            }
        }
    }
}
