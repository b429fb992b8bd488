using System.Text.RegularExpressions;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Organizations;

/// <summary>
/// CIS v7 2.1.5 (Manual): Organizations policies are managed from a delegated administrator account rather than the
/// management account. No delegation policy fails; otherwise the delegated accounts are the evidence, as only a person
/// can tell whether each is a dedicated governance account.
/// </summary>
public sealed partial class OrgDelegatedAdminPolicies : OrganizationCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "org_delegated_admin_policies",
        Title = "Organizations policies are managed by a delegated administrator",
        Service = "org",
        ResourceType = "AWS::Organizations::Organization",
        Severity = Severity.Low,
        Rationale = "Delegating policy management to a dedicated governance or security account lets that team maintain SCPs, RCPs and "
            + "tag policies without anyone signing in to the management account for day-to-day work.",
        Remediation = new Remediation(
            Steps: "In the management account, attach a resource-based delegation policy that lets a dedicated governance account read the "
                + "organization and manage the policy types it owns. Do not delegate to a workload account.",
            Cli: "aws organizations put-resource-policy --content file://delegation-policy.json\n"
                + "aws organizations describe-resource-policy",
            Terraform: "resource \"aws_organizations_resource_policy\" \"delegation\" {\n"
                + "  content = data.aws_iam_policy_document.policy_delegation.json\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/organizations/latest/userguide/orgs-policy-delegate.html",
            "https://docs.aws.amazon.com/organizations/latest/userguide/security_iam_resource-based-policy-examples.html",
        ],
        DataSources = [Sources.OrganizationsDescribe, Sources.OrganizationsAccounts, Sources.OrganizationsResourcePolicy],
        ManualReview = true,
    };

    [GeneratedRegex(@"arn:aws[a-z-]*:iam::(\d{12}):")]
    private static partial Regex AccountInArn();

    protected override IEnumerable<CheckResult> EvaluateOrganization(EvaluationContext context, OrganizationData organization)
    {
        var arn = Arn(context.Inventory, organization);
        if (organization.ResourcePolicy is not { } policy)
        {
            yield return Fail(Regions.Global, organization.Id, arn,
                "no delegation policy: Organizations policies can only be managed from the management account", ("delegationPolicy", "none"));
            yield break;
        }

        var delegated = AccountInArn().Matches(policy).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        yield return Manual(Regions.Global, organization.Id, arn,
            $"policy management is delegated to {List(delegated.Select(id => AccountLabel(organization, id)))}; confirm each is a dedicated governance or security account",
            ("delegatedAccounts", List(delegated.Select(id => AccountLabel(organization, id)))),
            ("delegationPolicy", policy));
    }
}
