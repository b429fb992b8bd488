using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Rds;

/// <summary>
/// CIS v5 2.2.3: no RDS DB instance is publicly accessible. The evidence adds whether the instance's subnets route to an
/// internet gateway, as the CIS audit looks at, when route tables were collected.
/// </summary>
public sealed class RdsInstanceNotPublic : RdsInstanceCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "rds_instance_not_public",
        Title = "RDS databases are not publicly accessible",
        Service = "rds",
        ResourceType = "AWS::RDS::DBInstance",
        Severity = Severity.High,
        Rationale = "A publicly accessible instance gets a DNS name that resolves to a public address. One permissive security group rule "
            + "then exposes the database login to the whole internet.",
        Remediation = new Remediation(
            Steps: "Set the instance to not publicly accessible, place it in private subnets without a route to an internet gateway, and "
                + "reach it through the application tier, a VPN, or Session Manager port forwarding.",
            Cli: "aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible --apply-immediately",
            Terraform: "resource \"aws_db_instance\" \"this\" {\n"
                + "  # ...\n"
                + "  publicly_accessible  = false\n"
                + "  db_subnet_group_name = aws_db_subnet_group.private.name\n"
                + "}",
            CloudFormation: "Database:\n"
                + "  Type: AWS::RDS::DBInstance\n"
                + "  Properties:\n"
                + "    PubliclyAccessible: false\n"
                + "    DBSubnetGroupName: !Ref PrivateSubnetGroup"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.html",
        ],
        DataSources = [Sources.RdsInstances],
    };

    protected override CheckResult Judge(EvaluationContext context, RdsInstance instance)
    {
        var publicSubnets = PublicSubnets(context.Inventory.Ec2, instance);
        (string, string)[] evidence =
        [
            ("publiclyAccessible", instance.PubliclyAccessible ? "true" : "false"),
            ("dbSubnetGroup", instance.DbSubnetGroupName ?? "none"),
            ("subnetsRoutedToInternetGateway", publicSubnets is null ? "unknown" : publicSubnets.Count == 0 ? "none" : string.Join(", ", publicSubnets)),
            ("vpcSecurityGroups", instance.VpcSecurityGroupIds.Count == 0 ? "none" : string.Join(", ", instance.VpcSecurityGroupIds)),
        ];
        if (!instance.PubliclyAccessible)
        {
            return Pass(instance.Region, instance.DbInstanceIdentifier, instance.Arn, "instance is not publicly accessible", evidence);
        }

        return Fail(instance.Region, instance.DbInstanceIdentifier, instance.Arn,
            publicSubnets is { Count: > 0 }
                ? "instance is publicly accessible and sits in subnets routed to an internet gateway"
                : "instance is publicly accessible",
            evidence);
    }

    /// <summary>The instance's subnets whose route table sends a default route to an internet gateway; null when route tables are unknown.</summary>
    private static List<string>? PublicSubnets(Ec2Data ec2, RdsInstance instance)
    {
        var tables = ec2.RouteTables.Where(t => t.Region == instance.Region).ToList();
        if (tables.Count == 0 || instance.SubnetIds.Count == 0)
        {
            return null;
        }

        return instance.SubnetIds.Where(subnetId =>
        {
            var vpcId = ec2.Subnets.FirstOrDefault(s => s.SubnetId == subnetId)?.VpcId;
            var table = tables.FirstOrDefault(t => t.SubnetIds.Contains(subnetId, StringComparer.Ordinal))
                ?? tables.FirstOrDefault(t => t.IsMain && vpcId is not null && t.VpcId == vpcId);
            return table?.Routes.Any(r => r.GatewayId?.StartsWith("igw-", StringComparison.Ordinal) == true
                && (r.DestinationCidrBlock == "0.0.0.0/0" || r.DestinationIpv6CidrBlock == "::/0")) == true;
        }).ToList();
    }
}
