namespace Dashboard.Core.Checks.Ec2;

/// <summary>Checklist X8: no ingress rule lets 0.0.0.0/0 or ::/0 reach a database port (<see cref="CheckSettings.DatabasePorts"/>).</summary>
public sealed class Ec2SecurityGroupDatabasePorts : AdminPortIngressCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "ec2_securitygroup_database_ports",
        Title = "Security group allows no internet ingress to database ports",
        Service = "ec2",
        ResourceType = "AWS::EC2::SecurityGroup",
        Severity = Severity.High,
        Rationale = "Databases and caches such as SQL Server, Oracle, MySQL, PostgreSQL, Redis, Elasticsearch and MongoDB reachable from the "
            + "internet are found by scanners within hours and are a common source of large data leaks and ransom notes.",
        Remediation = new Remediation(
            Steps: "Remove the rules that allow 0.0.0.0/0 or ::/0 to database ports. Let applications reach the database by security-group reference, "
                + "and people through a bastion, Session Manager port forwarding or a VPN.",
            Cli: "aws ec2 revoke-security-group-ingress --group-id <sg-id> \\\n"
                + "  --ip-permissions IpProtocol=tcp,FromPort=5432,ToPort=5432,IpRanges='[{CidrIp=0.0.0.0/0}]'\n"
                + "aws ec2 authorize-security-group-ingress --group-id <sg-id> \\\n"
                + "  --ip-permissions IpProtocol=tcp,FromPort=5432,ToPort=5432,UserIdGroupPairs='[{GroupId=<app-sg-id>}]'",
            Terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"postgres\" {\n"
                + "  security_group_id            = aws_security_group.db.id\n"
                + "  ip_protocol                  = \"tcp\"\n"
                + "  from_port                    = 5432\n"
                + "  to_port                      = 5432\n"
                + "  referenced_security_group_id = aws_security_group.app.id\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html",
        ],
        DataSources = [Sources.Ec2SecurityGroups],
    };

    private protected override IReadOnlyList<AdminPortExposure.AddressFamily> Families { get; } =
        [AdminPortExposure.AddressFamily.IPv4, AdminPortExposure.AddressFamily.IPv6];

    private protected override IReadOnlyList<int> Ports(CheckSettings settings) => settings.DatabasePorts;

    private protected override string PortKind => "a database port";

    private protected override string PortsEvidenceKey => "databasePorts";
}
