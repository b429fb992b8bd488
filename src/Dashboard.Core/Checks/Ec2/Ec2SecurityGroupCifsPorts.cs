namespace Dashboard.Core.Checks.Ec2;

/// <summary>CIS v5 5.1.2: no ingress rule lets 0.0.0.0/0 or ::/0 reach SMB/CIFS on port 445.</summary>
public sealed class Ec2SecurityGroupCifsPorts : AdminPortIngressCheck
{
    private static readonly IReadOnlyList<int> Cifs = [445];

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "ec2_securitygroup_cifs_ports",
        Title = "Security group allows no internet ingress to SMB/CIFS (port 445)",
        Service = "ec2",
        ResourceType = "AWS::EC2::SecurityGroup",
        Severity = Severity.High,
        Rationale = "SMB on port 445 has a long record of wormable flaws and is a favourite of ransomware operators. File shares "
            + "belong on private networks, VPN or Direct Connect, never on an address the whole internet can reach.",
        Remediation = new Remediation(
            Steps: "Remove the rules that allow 0.0.0.0/0 or ::/0 to port 445 (or to all ports). Let clients reach file shares over a VPN, "
                + "Direct Connect or from specific security groups only.",
            Cli: "aws ec2 revoke-security-group-ingress --group-id <sg-id> \\\n"
                + "  --ip-permissions IpProtocol=tcp,FromPort=445,ToPort=445,IpRanges='[{CidrIp=0.0.0.0/0}]'\n"
                + "aws ec2 revoke-security-group-ingress --group-id <sg-id> \\\n"
                + "  --ip-permissions IpProtocol=tcp,FromPort=445,ToPort=445,Ipv6Ranges='[{CidrIpv6=::/0}]'",
            Terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"smb\" {\n"
                + "  security_group_id            = aws_security_group.file_server.id\n"
                + "  ip_protocol                  = \"tcp\"\n"
                + "  from_port                    = 445\n"
                + "  to_port                      = 445\n"
                + "  referenced_security_group_id = aws_security_group.clients.id # never 0.0.0.0/0\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
            "https://docs.aws.amazon.com/fsx/latest/WindowsGuide/limit-access-security-groups.html",
        ],
        DataSources = [Sources.Ec2SecurityGroups],
    };

    private protected override IReadOnlyList<AdminPortExposure.AddressFamily> Families { get; } =
        [AdminPortExposure.AddressFamily.IPv4, AdminPortExposure.AddressFamily.IPv6];

    private protected override IReadOnlyList<int> Ports(CheckSettings settings) => Cifs;

    private protected override string PortKind => "SMB/CIFS port 445";

    private protected override string PortsEvidenceKey => "ports";
}
