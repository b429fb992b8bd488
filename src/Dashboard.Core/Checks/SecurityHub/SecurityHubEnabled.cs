using System.Diagnostics.CodeAnalysis;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.SecurityHub;

/// <summary>CIS v5 4.16: Security Hub is enabled in every scanned Region.</summary>
public sealed class SecurityHubEnabled : RegionalSettingCheck<SecurityHubHub?>
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "securityhub_enabled",
        Title = "Security Hub is enabled in every Region",
        Service = "securityhub",
        ResourceType = "AWS::SecurityHub::Hub",
        Severity = Severity.Medium,
        Rationale = "Security Hub gathers findings from GuardDuty, Inspector, Macie, Config and partner tools in one place and runs its own "
            + "control checks. Without it in a Region, findings from that Region are scattered or never looked at.",
        Remediation = new Remediation(
            Steps: "Enable Security Hub in each Region, preferably through the organization's delegated administrator with central configuration "
                + "so new accounts and Regions are covered automatically. Turn on the standards you follow (for example AWS Foundational Security Best Practices).",
            Cli: "aws securityhub enable-security-hub --enable-default-standards --region <region>",
            Terraform: "resource \"aws_securityhub_account\" \"this\" {\n"
                + "  enable_default_standards = true\n"
                + "}",
            CloudFormation: "Hub:\n"
                + "  Type: AWS::SecurityHub::Hub\n"
                + "  Properties:\n"
                + "    EnableDefaultStandards: true"),
        References =
        [
            "https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html",
            "https://docs.aws.amazon.com/securityhub/latest/userguide/central-configuration-intro.html",
        ],
        DataSources = [Sources.SecurityHubHub],
    };

    private protected override string Subject => "the Security Hub subscription";

    private protected override bool TryGet(EvaluationContext context, string region, out SecurityHubHub? value) =>
        TryGetFrom(context.Inventory.SecurityHub.HubsByRegion, region, out value);

    private protected override CheckResult EvaluateRegion(EvaluationContext context, string region, SecurityHubHub? hub)
    {
        var accountId = context.Inventory.AccountId;
        if (hub is null)
        {
            return Fail(region, accountId, null, "Security Hub is not enabled in this Region");
        }

        return Pass(region, accountId, hub.HubArn, "Security Hub is enabled",
            ("hubArn", hub.HubArn),
            ("subscribedAt", hub.SubscribedAt?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"),
            ("enabledStandards", hub.EnabledStandardArns.Count == 0 ? "none" : string.Join(", ", hub.EnabledStandardArns)));
    }
}
