using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.GuardDuty;

/// <summary>Checklist X10: every scanned Region has a GuardDuty detector whose status is ENABLED.</summary>
public sealed class GuardDutyEnabledAllRegions : RegionalSettingCheck<IReadOnlyList<GuardDutyDetector>>
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "guardduty_enabled_all_regions",
        Title = "GuardDuty is enabled in every Region",
        Service = "guardduty",
        ResourceType = "AWS::GuardDuty::Detector",
        Severity = Severity.High,
        Rationale = "GuardDuty watches CloudTrail, VPC flow and DNS activity for signs of compromise such as leaked credentials used from odd places "
            + "or instances talking to mining pools. Attackers like Regions nobody watches, so it has to run in all of them.",
        Remediation = new Remediation(
            Steps: "Enable GuardDuty in every Region. In an AWS Organization, designate a delegated administrator and turn on auto-enable for all "
                + "member accounts so new accounts are covered. Send findings to Security Hub or your alerting.",
            Cli: "aws guardduty create-detector --enable --finding-publishing-frequency FIFTEEN_MINUTES --region <region>\n"
                + "# a detector that exists but is suspended:\n"
                + "aws guardduty update-detector --detector-id <detector-id> --enable --region <region>",
            Terraform: "resource \"aws_guardduty_detector\" \"this\" {\n"
                + "  enable = true\n"
                + "}",
            CloudFormation: "Detector:\n"
                + "  Type: AWS::GuardDuty::Detector\n"
                + "  Properties:\n"
                + "    Enable: true"),
        References =
        [
            "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html",
            "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html",
        ],
        DataSources = [Sources.GuardDutyDetectors, Sources.GuardDutyDetector],
    };

    private protected override string Subject => "the GuardDuty detector list";

    private protected override bool TryGet(EvaluationContext context, string region, out IReadOnlyList<GuardDutyDetector> value) =>
        TryGetFrom(context.Inventory.GuardDuty.DetectorsByRegion, region, out value!);

    private protected override CheckResult EvaluateRegion(EvaluationContext context, string region, IReadOnlyList<GuardDutyDetector> detectors)
    {
        var accountId = context.Inventory.AccountId;
        if (detectors.Count == 0)
        {
            return Fail(region, accountId, null, "GuardDuty has no detector in this Region");
        }

        var arn = (GuardDutyDetector d) => $"arn:{context.Inventory.Partition}:guardduty:{region}:{accountId}:detector/{d.DetectorId}";
        if (detectors.FirstOrDefault(d => string.Equals(d.Status, "ENABLED", StringComparison.OrdinalIgnoreCase)) is { } enabled)
        {
            var features = enabled.Features.Where(f => string.Equals(f.Value, "ENABLED", StringComparison.OrdinalIgnoreCase)).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
            return Pass(region, enabled.DetectorId, arn(enabled), "GuardDuty detector is enabled",
                ("status", enabled.Status), ("enabledFeatures", features.Count == 0 ? "none" : string.Join(", ", features)));
        }

        var first = detectors[0];
        return Fail(region, first.DetectorId, arn(first), $"GuardDuty detector {first.DetectorId} is {first.Status}", ("status", first.Status));
    }
}
