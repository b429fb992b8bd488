using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Ec2;

/// <summary>CIS v5 5.5: every VPC's default security group has no inbound and no outbound rules.</summary>
public sealed class Ec2DefaultSecurityGroupClosed : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "ec2_default_security_group_closed",
        Title = "Default security group allows no inbound or outbound traffic",
        Service = "ec2",
        ResourceType = "AWS::EC2::SecurityGroup",
        Severity = Severity.Medium,
        Rationale = "Anything launched without an explicit security group lands in the default group, which by default lets its members "
            + "talk to each other and reach anywhere. Emptying it makes that mistake fail closed, and forces purpose-built groups.",
        Remediation = new Remediation(
            Steps: "Move any instances, endpoints or other interfaces that use the default group to purpose-built groups, then delete every inbound and "
                + "outbound rule of the default group. The group itself cannot be deleted. Managing the group in Terraform keeps it empty.",
            Cli: "aws ec2 revoke-security-group-ingress --group-id <default-sg-id> \\\n"
                + "  --security-group-rule-ids $(aws ec2 describe-security-group-rules --filters Name=group-id,Values=<default-sg-id> \\\n"
                + "    --query 'SecurityGroupRules[?!IsEgress].SecurityGroupRuleId' --output text)\n"
                + "aws ec2 revoke-security-group-egress --group-id <default-sg-id> \\\n"
                + "  --security-group-rule-ids $(aws ec2 describe-security-group-rules --filters Name=group-id,Values=<default-sg-id> \\\n"
                + "    --query 'SecurityGroupRules[?IsEgress].SecurityGroupRuleId' --output text)",
            Terraform: "# Adopts the default group and removes all of its rules.\n"
                + "resource \"aws_default_security_group\" \"this\" {\n"
                + "  vpc_id = aws_vpc.this.id\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
            "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html",
        ],
        DataSources = [Sources.Ec2SecurityGroups],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var errors = context.FirstErrorPerRegion(Sources.Ec2SecurityGroups);
        foreach (var error in errors)
        {
            yield return Error(error.Region, "security-groups", null, error);
        }

        var defaults = inventory.Ec2.SecurityGroups.Where(g => string.Equals(g.GroupName, "default", StringComparison.Ordinal)).ToList();
        if (defaults.Count == 0 && errors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no default security groups (no VPCs)");
        }

        foreach (var group in defaults)
        {
            var arn = group.Arn(inventory.Partition, inventory.AccountId);
            (string, string)[] evidence =
            [
                ("vpcId", group.VpcId ?? "none"),
                ("inboundRules", group.Ingress.Count.ToString(CultureInfo.InvariantCulture)),
                ("outboundRules", group.Egress.Count.ToString(CultureInfo.InvariantCulture)),
            ];
            var open = (group.Ingress.Count > 0, group.Egress.Count > 0) switch
            {
                (true, true) => "inbound and outbound rules",
                (true, false) => "inbound rules",
                (false, true) => "outbound rules",
                _ => null,
            };
            yield return open is null
                ? Pass(group.Region, group.GroupId, arn, "the default security group has no rules", evidence)
                : Fail(group.Region, group.GroupId, arn, $"the default security group still has {open}", evidence);
        }
    }
}
