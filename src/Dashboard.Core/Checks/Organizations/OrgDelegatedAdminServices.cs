using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Organizations;

/// <summary>
/// CIS v7 2.1.6 (Manual): integrated services are administered from delegated administrator accounts. Trusted access
/// without any delegated administrator fails; otherwise the mapping of services to accounts is the evidence.
/// </summary>
public sealed class OrgDelegatedAdminServices : OrganizationCheck
{
    /// <summary>Integrated services that support a delegated administrator; others are listed but not expected to have one.</summary>
    private static readonly HashSet<string> Delegable = new(StringComparer.Ordinal)
    {
        "access-analyzer.amazonaws.com", "guardduty.amazonaws.com", "securityhub.amazonaws.com", "config.amazonaws.com",
        "config-multiaccountsetup.amazonaws.com", "macie.amazonaws.com", "inspector2.amazonaws.com", "detective.amazonaws.com",
        "fms.amazonaws.com", "sso.amazonaws.com", "cloudtrail.amazonaws.com", "backup.amazonaws.com", "ipam.amazonaws.com",
        "member.org.stacksets.cloudformation.amazonaws.com", "auditmanager.amazonaws.com", "securitylake.amazonaws.com",
        "account.amazonaws.com", "ssm.amazonaws.com", "health.amazonaws.com",
    };

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "org_delegated_admin_services",
        Title = "Integrated services are administered by delegated administrators",
        Service = "org",
        ResourceType = "AWS::Organizations::Organization",
        Severity = Severity.Low,
        Rationale = "Security and operations services (GuardDuty, Security Hub, Access Analyzer, Config, IAM Identity Center, ...) can be "
            + "run for the whole organization from a member account. Running them from the management account puts daily work where "
            + "guardrails do not apply.",
        Remediation = new Remediation(
            Steps: "For each integrated service, register a dedicated member account (usually a security tooling or shared services "
                + "account) as its delegated administrator, then manage the service from there.",
            Cli: "aws organizations list-aws-service-access-for-organization\n"
                + "aws organizations register-delegated-administrator --account-id <security-account-id> \\\n"
                + "  --service-principal guardduty.amazonaws.com\n"
                + "aws guardduty enable-organization-admin-account --admin-account-id <security-account-id>",
            Terraform: "resource \"aws_organizations_delegated_administrator\" \"access_analyzer\" {\n"
                + "  account_id        = \"<security-account-id>\"\n"
                + "  service_principal = \"access-analyzer.amazonaws.com\"\n"
                + "}\n\n"
                + "resource \"aws_guardduty_organization_admin_account\" \"this\" {\n"
                + "  admin_account_id = \"<security-account-id>\"\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services_list.html",
            "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_delegate_policies.html",
        ],
        DataSources =
        [
            Sources.OrganizationsDescribe, Sources.OrganizationsAccounts, Sources.OrganizationsDelegatedAdministrators,
            Sources.OrganizationsDelegatedServices, Sources.OrganizationsServiceAccess,
        ],
        ManualReview = true,
    };

    protected override IEnumerable<CheckResult> EvaluateOrganization(EvaluationContext context, OrganizationData organization)
    {
        var arn = Arn(context.Inventory, organization);
        var delegatedServices = organization.DelegatedAdministrators.SelectMany(d => d.ServicePrincipals).ToHashSet(StringComparer.Ordinal);
        var withoutAdmin = organization.EnabledServicePrincipals
            .Where(s => Delegable.Contains(s) && !delegatedServices.Contains(s))
            .Order(StringComparer.Ordinal)
            .ToList();
        var evidence = organization.DelegatedAdministrators
            .Select(d => ($"delegated:{AccountLabel(organization, d.AccountId)}", List(d.ServicePrincipals)))
            .Append(("trustedServices", List(organization.EnabledServicePrincipals.Order(StringComparer.Ordinal))))
            .Append(("trustedServicesWithoutDelegatedAdmin", List(withoutAdmin)))
            .ToArray();

        if (organization.DelegatedAdministrators.Count == 0 && withoutAdmin.Count > 0)
        {
            yield return Fail(Regions.Global, organization.Id, arn,
                $"no delegated administrators: {List(withoutAdmin)} are administered from the management account", evidence);
            yield break;
        }

        var workloadDelegates = organization.DelegatedAdministrators.Select(d => AccountLabel(organization, d.AccountId));
        yield return Manual(Regions.Global, organization.Id, arn,
            withoutAdmin.Count == 0
                ? $"delegated administrators: {List(workloadDelegates)}; confirm each is a dedicated security or shared services account"
                : $"delegated administrators: {List(workloadDelegates)}; still administered from the management account: {List(withoutAdmin)}",
            evidence);
    }
}
