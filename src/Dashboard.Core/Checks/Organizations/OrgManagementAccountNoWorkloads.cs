using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Organizations;

/// <summary>
/// CIS v7 2.1.3 (Manual): the management account runs no workloads. Scanning the management account itself, workload
/// resources found (EC2 instances, RDS instances, EFS file systems) fail; none found is Manual, as not every service is
/// collected. From a delegated administrator the result is Manual, naming the account to review.
/// </summary>
public sealed class OrgManagementAccountNoWorkloads : OrganizationCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "org_management_account_no_workloads",
        Title = "The management account runs no workloads",
        Service = "org",
        ResourceType = "AWS::Organizations::Account",
        Severity = Severity.Medium,
        Rationale = "SCPs and RCPs do not apply to the management account, and anyone with access to it can change every account in the "
            + "organization. Workloads there widen the circle of people and software that hold that power.",
        Remediation = new Remediation(
            Steps: "Move applications, databases and pipelines out of the management account into member accounts, and keep it for billing, "
                + "Organizations and IAM Identity Center administration only. Delegate security services to a security tooling account.",
            Cli: "aws ec2 describe-instances --query 'Reservations[].Instances[].InstanceId'\n"
                + "aws rds describe-db-instances --query 'DBInstances[].DBInstanceIdentifier'\n"
                + "aws lambda list-functions --query 'Functions[].FunctionName'",
            Terraform: "# Create a member account for the workload and deploy it there:\n"
                + "resource \"aws_organizations_account\" \"workload\" {\n"
                + "  name      = \"shared-services\"\n"
                + "  email     = \"aws-shared-services@example.com\"\n"
                + "  parent_id = aws_organizations_organizational_unit.infrastructure.id\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html",
            "https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/management-account.html",
        ],
        DataSources = [Sources.OrganizationsDescribe, Sources.OrganizationsAccounts, Sources.Ec2Instances, Sources.RdsInstances, Sources.EfsFileSystems],
        ManualReview = true,
    };

    protected override IEnumerable<CheckResult> EvaluateOrganization(EvaluationContext context, OrganizationData organization)
    {
        var inventory = context.Inventory;
        var management = organization.MasterAccountId;
        var arn = AccountArn(inventory, organization, management);
        if (inventory.AccountId != management)
        {
            yield return Manual(Regions.Global, management, arn,
                $"the management account is {AccountLabel(organization, management)}; scan it or review its resources to confirm it runs no workloads",
                ("managementAccount", AccountLabel(organization, management)));
            yield break;
        }

        var instances = inventory.Ec2.Instances.Where(i => i.State is not ("terminated" or "shutting-down")).ToList();
        var workloads = new (string Kind, int Count)[]
        {
            ("EC2 instances", instances.Count),
            ("RDS instances", inventory.Rds.Instances.Count),
            ("EFS file systems", inventory.Efs.FileSystems.Count),
        };
        var regionalErrors = Metadata.DataSources.SelectMany(context.FirstErrorPerRegion).Select(e => $"{e.Service}:{e.Operation} in {e.Region}").ToList();
        var evidence = workloads.Select(w => (w.Kind.Replace(" ", "", StringComparison.Ordinal), w.Count.ToString(CultureInfo.InvariantCulture)))
            .Append(("uncollectedRegions", List(regionalErrors)))
            .ToArray();
        var found = workloads.Where(w => w.Count > 0).Select(w => $"{w.Count} {w.Kind}").ToList();
        yield return found.Count > 0
            ? Fail(Regions.Global, management, arn, $"the management account runs {string.Join(", ", found)}", evidence)
            : Manual(Regions.Global, management, arn,
                "no EC2, RDS or EFS workloads found in the management account; confirm nothing else (Lambda, containers, pipelines) runs there", evidence);
    }
}
