namespace Dashboard.Core.Checks.Ec2;

/// <summary>CIS v5 5.4: no ingress rule lets ::/0 reach an admin port (<see cref="CheckSettings.AdminPorts"/>; 22 and 3389 by default).</summary>
public sealed class Ec2SecurityGroupAdminPortsIpv6 : AdminPortIngressCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "ec2_securitygroup_admin_ports_ipv6",
        Title = "Security group allows no IPv6 internet ingress to admin ports",
        Service = "ec2",
        ResourceType = "AWS::EC2::SecurityGroup",
        Severity = Severity.High,
        Rationale = "SSH, RDP and similar remote-administration ports open to ::/0 are found by internet-wide scanners within minutes "
            + "and then face constant password guessing and exploit attempts.",
        Remediation = new Remediation(
            Steps: "Remove the rules that allow ::/0 to the admin ports. Reach instances through Systems Manager Session Manager or EC2 Instance "
                + "Connect Endpoint instead; if direct access is unavoidable, allow only specific trusted address ranges.",
            Cli: "aws ec2 revoke-security-group-ingress --group-id <sg-id> \\\n"
                + "  --ip-permissions IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges='[{CidrIpv6=::/0}]'\n"
                + "# or, for a rule with its own id:\n"
                + "aws ec2 revoke-security-group-ingress --group-id <sg-id> --security-group-rule-ids <sgr-id>",
            Terraform: "resource \"aws_vpc_security_group_ingress_rule\" \"ssh\" {\n"
                + "  security_group_id = aws_security_group.this.id\n"
                + "  ip_protocol       = \"tcp\"\n"
                + "  from_port         = 22\n"
                + "  to_port           = 22\n"
                + "  cidr_ipv6         = \"2001:db8:1234::/48\" # your office or VPN range, never ::/0\n"
                + "}",
            CloudFormation: "SshIngress:\n"
                + "  Type: AWS::EC2::SecurityGroupIngress\n"
                + "  Properties:\n"
                + "    GroupId: !Ref SecurityGroup\n"
                + "    IpProtocol: tcp\n"
                + "    FromPort: 22\n"
                + "    ToPort: 22\n"
                + "    CidrIpv6: 2001:db8:1234::/48"),
        References =
        [
            "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
            "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html",
        ],
        DataSources = [Sources.Ec2SecurityGroups],
    };

    private protected override IReadOnlyList<AdminPortExposure.AddressFamily> Families { get; } = [AdminPortExposure.AddressFamily.IPv6];
}
