using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Ec2;

/// <summary>
/// CIS v5 5.2: no network ACL lets 0.0.0.0/0 or ::/0 in to an admin port (<see cref="CheckSettings.AdminPorts"/>). Entries are
/// read in rule-number order as AWS does, so a lower-numbered deny for the whole internet shadows a later allow.
/// </summary>
public sealed class Ec2NetworkAclAdminPorts : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "ec2_network_acl_admin_ports",
        Title = "Network ACL allows no internet ingress to admin ports",
        Service = "ec2",
        ResourceType = "AWS::EC2::NetworkAcl",
        Severity = Severity.Medium,
        Rationale = "Network ACLs are the subnet-wide layer under security groups. Denying SSH and RDP from the internet there means a "
            + "single careless security group rule does not expose a remote-administration port.",
        Remediation = new Remediation(
            Steps: "Add inbound deny entries for ports 22 and 3389 from 0.0.0.0/0 and ::/0 with rule numbers lower than any allow entry that covers them, "
                + "or narrow the allow entries to trusted address ranges. Remember that NACLs are stateless: keep the return traffic allowed.",
            Cli: "aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number 50 \\\n"
                + "  --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny\n"
                + "aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number 51 \\\n"
                + "  --protocol tcp --port-range From=3389,To=3389 --cidr-block 0.0.0.0/0 --rule-action deny",
            Terraform: "resource \"aws_network_acl_rule\" \"deny_ssh\" {\n"
                + "  network_acl_id = aws_network_acl.this.id\n"
                + "  rule_number    = 50\n"
                + "  egress         = false\n"
                + "  protocol       = \"tcp\"\n"
                + "  rule_action    = \"deny\"\n"
                + "  cidr_block     = \"0.0.0.0/0\"\n"
                + "  from_port      = 22\n"
                + "  to_port        = 22\n"
                + "}",
            CloudFormation: "DenySsh:\n"
                + "  Type: AWS::EC2::NetworkAclEntry\n"
                + "  Properties:\n"
                + "    NetworkAclId: !Ref Acl\n"
                + "    RuleNumber: 50\n"
                + "    Protocol: 6\n"
                + "    RuleAction: deny\n"
                + "    CidrBlock: 0.0.0.0/0\n"
                + "    PortRange: { From: 22, To: 22 }"),
        References =
        [
            "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
            "https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html",
        ],
        DataSources = [Sources.Ec2NetworkAcls],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var errors = context.FirstErrorPerRegion(Sources.Ec2NetworkAcls);
        foreach (var error in errors)
        {
            yield return Error(error.Region, "network-acls", null, error);
        }

        var acls = inventory.Ec2.NetworkAcls;
        if (acls.Count == 0 && errors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no network ACLs");
        }

        var ports = context.Settings.AdminPorts;
        var portsEvidence = ("adminPorts", AdminPortExposure.JoinPorts(ports));
        foreach (var acl in acls)
        {
            var arn = acl.Arn(inventory.Partition, inventory.AccountId);
            var open = OpenEntries(acl, ports);
            yield return open.Count == 0
                ? Pass(acl.Region, acl.NetworkAclId, arn, "no inbound entry lets the internet reach an admin port", portsEvidence, ("vpcId", acl.VpcId))
                : Fail(acl.Region, acl.NetworkAclId, arn, string.Join("; ", open.Select(o => $"rule {Number(o.Entry.RuleNumber)} allows {Traffic(o.Entry)} from {o.Cidr} to port{(o.Ports.Count == 1 ? "" : "s")} {AdminPortExposure.JoinPorts(o.Ports)}")),
                    portsEvidence, ("vpcId", acl.VpcId), ("subnets", acl.SubnetIds.Count == 0 ? "none" : string.Join(", ", acl.SubnetIds)));
        }
    }

    private sealed record OpenEntry(NetworkAclEntry Entry, string Cidr, List<int> Ports);

    /// <summary>For each admin port, protocol and family: the first whole-internet inbound entry covering it decides; report it when it allows.</summary>
    private static List<OpenEntry> OpenEntries(NetworkAcl acl, IReadOnlyList<int> ports)
    {
        var inbound = acl.Entries.Where(e => !e.Egress).OrderBy(e => e.RuleNumber).ToList();
        var open = new List<OpenEntry>();
        foreach (var port in ports.Distinct().Order())
        {
            foreach (var protocol in new[] { "6", "17" })
            {
                foreach (var ipv6 in new[] { false, true })
                {
                    var deciding = inbound.FirstOrDefault(e => (ipv6 ? e.Ipv6CidrBlock : e.CidrBlock) is { } cidr
                        && AdminPortExposure.IsWholeInternet(cidr) && Covers(e, protocol, port));
                    if (deciding is null || !string.Equals(deciding.RuleAction, "allow", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var cidr = (ipv6 ? deciding.Ipv6CidrBlock : deciding.CidrBlock)!;
                    var existing = open.FirstOrDefault(o => o.Entry == deciding && o.Cidr == cidr);
                    if (existing is null)
                    {
                        open.Add(new OpenEntry(deciding, cidr, [port]));
                    }
                    else if (!existing.Ports.Contains(port))
                    {
                        existing.Ports.Add(port);
                    }
                }
            }
        }

        return open;
    }

    private static bool Covers(NetworkAclEntry entry, string protocol, int port) =>
        (entry.Protocol == "-1" || entry.Protocol == protocol)
        && (entry.Protocol == "-1" || entry.FromPort is null || entry.ToPort is null || (entry.FromPort <= port && port <= entry.ToPort));

    private static string Traffic(NetworkAclEntry entry) => entry.Protocol switch
    {
        "-1" => "all traffic",
        _ => (entry.Protocol == "6" ? "tcp" : entry.Protocol == "17" ? "udp" : "protocol " + entry.Protocol)
            + (entry.FromPort is { } from && entry.ToPort is { } to
                ? from == to ? $" port {Number(from)}" : $" ports {Number(from)}-{Number(to)}"
                : " all ports"),
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
