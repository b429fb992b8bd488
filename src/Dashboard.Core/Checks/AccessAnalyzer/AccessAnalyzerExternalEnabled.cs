using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.AccessAnalyzer;

/// <summary>
/// CIS v5 1.19: every scanned region has an ACTIVE external access analyzer (type ACCOUNT or ORGANIZATION); unused-access
/// and internal-access analyzers do not count. One result per region, always about the account (so a region keeps its
/// finding when an analyzer is added); a region neither collected nor failed gets none.
/// </summary>
public sealed class AccessAnalyzerExternalEnabled : Check
{
    private static readonly string[] ExternalTypes = ["ACCOUNT", "ORGANIZATION"];

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "accessanalyzer_external_enabled",
        Title = "IAM Access Analyzer watches for external access in every region",
        Service = "accessanalyzer",
        ResourceType = "AWS::AccessAnalyzer::Analyzer",
        Severity = Severity.Medium,
        Rationale = "An external access analyzer reports buckets, keys, roles, queues and other resources that are shared outside the account "
            + "or organization. Analyzers are regional, so a region without one shares resources unnoticed.",
        Remediation = new Remediation(
            Steps: "Create an analyzer of type Account (or Organization, from the management or delegated administrator account) in every "
                + "region you use, and review its active findings.",
            Cli: "for region in $(aws ec2 describe-regions --query 'Regions[].RegionName' --output text); do\n"
                + "  aws accessanalyzer create-analyzer --region \"$region\" --analyzer-name external-access --type ACCOUNT\n"
                + "done",
            Terraform: "resource \"aws_accessanalyzer_analyzer\" \"external\" {\n"
                + "  analyzer_name = \"external-access\"\n"
                + "  type          = \"ACCOUNT\"  # or ORGANIZATION from the delegated administrator\n"
                + "}\n"
                + "# one per region: instantiate with a provider alias per region",
            CloudFormation: "Analyzer:\n"
                + "  Type: AWS::AccessAnalyzer::Analyzer\n"
                + "  Properties:\n"
                + "    AnalyzerName: external-access\n"
                + "    Type: ACCOUNT"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/what-is-access-analyzer.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html",
        ],
        DataSources = [Sources.AccessAnalyzerAnalyzers],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        foreach (var region in inventory.Regions)
        {
            if (ErrorFor(context, region) is { } error)
            {
                yield return Error(region, inventory.AccountId, null, error);
                continue;
            }

            if (!inventory.AccessAnalyzer.AnalyzersByRegion.TryGetValue(region, out var analyzers))
            {
                continue;
            }

            var external = analyzers.Where(a => ExternalTypes.Contains(a.Type, StringComparer.OrdinalIgnoreCase)).ToList();
            var active = external.FirstOrDefault(a => string.Equals(a.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase));
            var evidence = ("analyzers", analyzers.Count == 0 ? "none" : string.Join(", ", analyzers.Select(a => $"{a.Name} ({a.Type}, {a.Status})")));
            if (active is not null)
            {
                yield return Pass(region, inventory.AccountId, active.Arn, $"{active.Type.ToLowerInvariant()} analyzer {active.Name} is active", evidence);
            }
            else if (external.Count > 0)
            {
                yield return Fail(region, inventory.AccountId, null, $"external access analyzer {external[0].Name} is {external[0].Status}, not ACTIVE", evidence);
            }
            else
            {
                yield return Fail(region, inventory.AccountId, null, "no external access analyzer in this region", evidence);
            }
        }
    }
}
