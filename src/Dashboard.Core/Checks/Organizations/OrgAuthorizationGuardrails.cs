using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Organizations;

/// <summary>
/// CIS v7 2.1.2: every active member account is under at least one customer-written SCP or RCP, attached to the account,
/// one of its OUs, or the root. The AWS-managed FullAWSAccess policies restrict nothing and do not count. The management
/// account is NotApplicable: SCPs and RCPs never restrict it.
/// </summary>
public sealed class OrgAuthorizationGuardrails : OrganizationCheck
{
    private static readonly string[] GuardrailTypes = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"];

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "org_authorization_guardrails",
        Title = "Every member account is under SCP or RCP guardrails",
        Service = "org",
        ResourceType = "AWS::Organizations::Account",
        Severity = Severity.Medium,
        Rationale = "Service and resource control policies set limits no one inside an account can lift: no leaving the organization, no "
            + "disabling CloudTrail or GuardDuty, no use of unapproved regions, no sharing outside the organization. An account without them "
            + "depends on every IAM policy in it being right.",
        Remediation = new Remediation(
            Steps: "Write SCPs (and RCPs) for the guardrails your organization needs, test them on a sandbox OU, then attach them to the root "
                + "or to the OUs that hold every workload account. Keep the AWS-managed FullAWSAccess attached alongside deny-list SCPs.",
            Cli: "aws organizations create-policy --type SERVICE_CONTROL_POLICY --name baseline-guardrails \\\n"
                + "  --description \"Deny leaving the org and disabling logging\" --content file://baseline-scp.json\n"
                + "aws organizations attach-policy --policy-id <policy-id> --target-id <root-or-ou-id>",
            Terraform: "resource \"aws_organizations_policy\" \"baseline\" {\n"
                + "  name    = \"baseline-guardrails\"\n"
                + "  type    = \"SERVICE_CONTROL_POLICY\"\n"
                + "  content = data.aws_iam_policy_document.baseline_scp.json\n"
                + "}\n\n"
                + "resource \"aws_organizations_policy_attachment\" \"workloads\" {\n"
                + "  policy_id = aws_organizations_policy.baseline.id\n"
                + "  target_id = aws_organizations_organizational_unit.workloads.id\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
            "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html",
        ],
        DataSources = [Sources.OrganizationsDescribe, Sources.OrganizationsAccounts, Sources.OrganizationsUnits, Sources.OrganizationsPolicies, Sources.OrganizationsPolicyTargets],
    };

    protected override IEnumerable<CheckResult> EvaluateOrganization(EvaluationContext context, OrganizationData organization)
    {
        var inventory = context.Inventory;
        var guardrails = organization.Policies
            .Where(p => !p.AwsManaged && GuardrailTypes.Contains(p.Type, StringComparer.Ordinal))
            .ToList();
        var units = organization.OrganizationalUnits.ToDictionary(u => u.Id, StringComparer.Ordinal);

        foreach (var account in organization.Accounts.Where(a => string.Equals(a.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase)))
        {
            var arn = AccountArn(inventory, organization, account.Id);
            if (account.Id == organization.MasterAccountId)
            {
                yield return NotApplicable(Regions.Global, account.Id, arn, "SCPs and RCPs do not restrict the management account");
                continue;
            }

            var path = Ancestors(account, units).ToList();
            var targets = path.Prepend(account.Id).ToHashSet(StringComparer.Ordinal);
            var applying = guardrails.Where(p => p.TargetIds.Any(targets.Contains)).Select(p => $"{p.Name} ({Short(p.Type)})").ToList();
            (string, string)[] evidence =
            [
                ("account", account.Name),
                ("path", List(path.Select(id => units.TryGetValue(id, out var unit) ? unit.Name : id).Reverse())),
                ("guardrails", List(applying)),
            ];
            yield return applying.Count > 0
                ? Pass(Regions.Global, account.Id, arn, $"account is under {string.Join(", ", applying)}", evidence)
                : Fail(Regions.Global, account.Id, arn, "no customer SCP or RCP applies to this account, directly or through its OUs or the root", evidence);
        }
    }

    /// <summary>The account's parent, its parent's parent and so on up to the root, nearest first.</summary>
    private static IEnumerable<string> Ancestors(OrganizationAccount account, Dictionary<string, OrganizationalUnit> units)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var parent = account.ParentId; parent is not null && seen.Add(parent); parent = units.TryGetValue(parent, out var unit) ? unit.ParentId : null)
        {
            yield return parent;
        }
    }

    private static string Short(string type) => type == "SERVICE_CONTROL_POLICY" ? "SCP" : "RCP";
}
