using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Organizations;

/// <summary>
/// CIS v7 2.1.4 (Manual): accounts are grouped into OUs by environment and sensitivity. No OUs at all fails; otherwise the
/// OU tree with its accounts is the evidence for a reviewer.
/// </summary>
public sealed class OrgOuStructure : OrganizationCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "org_ou_structure",
        Title = "Accounts are grouped into OUs by environment and sensitivity",
        Service = "org",
        ResourceType = "AWS::Organizations::Organization",
        Severity = Severity.Low,
        Rationale = "Guardrails, delegated services and access are applied per OU. An OU per environment and sensitivity (security, "
            + "infrastructure, production, non-production, sandbox) lets production get stricter rules than a sandbox without per-account work.",
        Remediation = new Remediation(
            Steps: "Create OUs such as Security, Infrastructure, Workloads/Prod, Workloads/NonProd, Sandbox and Suspended, move each account "
                + "into the OU that matches its environment and data, and attach policies at OU level.",
            Cli: "aws organizations create-organizational-unit --parent-id <root-id> --name Workloads\n"
                + "aws organizations create-organizational-unit --parent-id <workloads-ou-id> --name Prod\n"
                + "aws organizations move-account --account-id <account-id> --source-parent-id <root-id> --destination-parent-id <prod-ou-id>",
            Terraform: "resource \"aws_organizations_organizational_unit\" \"workloads\" {\n"
                + "  name      = \"Workloads\"\n"
                + "  parent_id = aws_organizations_organization.this.roots[0].id\n"
                + "}\n\n"
                + "resource \"aws_organizations_organizational_unit\" \"prod\" {\n"
                + "  name      = \"Prod\"\n"
                + "  parent_id = aws_organizations_organizational_unit.workloads.id\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/recommended-ous-and-accounts.html",
            "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_ous.html",
        ],
        DataSources = [Sources.OrganizationsDescribe, Sources.OrganizationsAccounts, Sources.OrganizationsUnits],
        ManualReview = true,
    };

    protected override IEnumerable<CheckResult> EvaluateOrganization(EvaluationContext context, OrganizationData organization)
    {
        var arn = Arn(context.Inventory, organization);
        var units = organization.OrganizationalUnits;
        var underRoot = organization.Accounts.Where(a => a.ParentId is null || units.All(u => u.Id != a.ParentId)).Select(a => a.Name).ToList();
        var evidence = units.OrderBy(u => u.Name, StringComparer.Ordinal)
            .Select(u => ($"ou:{u.Name}", List(organization.Accounts.Where(a => a.ParentId == u.Id).Select(a => a.Name))))
            .Append(("accountsUnderRoot", List(underRoot)))
            .ToArray();

        if (units.Count == 0)
        {
            yield return Fail(Regions.Global, organization.Id, arn,
                $"the organization has no OUs: all {organization.Accounts.Count} accounts sit directly under the root", evidence);
            yield break;
        }

        yield return Manual(Regions.Global, organization.Id, arn,
            $"{units.Count} OUs, {underRoot.Count} accounts directly under the root; confirm the OUs separate environments and sensitivity",
            evidence);
    }
}
