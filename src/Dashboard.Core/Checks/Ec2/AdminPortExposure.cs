using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Ec2;

/// <summary>
/// The rule logic shared by the IPv4 and IPv6 admin-port checks: which ingress rules let the whole internet reach which admin ports.
/// Prefix-list references are not expanded here; the inventory does not carry their entries.
/// </summary>
internal static class AdminPortExposure
{
    public enum AddressFamily
    {
        IPv4,
        IPv6,
    }

    /// <summary>An ingress rule open to the internet, with the admin ports it reaches.</summary>
    public sealed record OpenRule(IpPermission Rule, string Cidr, IReadOnlyList<int> Ports)
    {
        public string Describe() =>
            $"{Traffic(Rule)} from {Cidr} reaches port{(Ports.Count == 1 ? "" : "s")} {JoinPorts(Ports)}";
    }

    public static IReadOnlyList<OpenRule> FindOpenRules(SecurityGroup group, AddressFamily family, IReadOnlyList<int> adminPorts)
    {
        var open = new List<OpenRule>();
        foreach (var rule in group.Ingress)
        {
            var ranges = family == AddressFamily.IPv4 ? rule.Ipv4Ranges : rule.Ipv6Ranges;
            if (ranges.FirstOrDefault(IsWholeInternet) is not { } cidr)
            {
                continue;
            }

            var ports = PortsReached(rule, adminPorts);
            if (ports.Count > 0)
            {
                open.Add(new OpenRule(rule, cidr, ports));
            }
        }

        return open;
    }

    /// <summary>The admin ports a rule lets through: all of them for protocol -1, those inside FromPort..ToPort for tcp/udp, none otherwise.</summary>
    public static IReadOnlyList<int> PortsReached(IpPermission rule, IReadOnlyList<int> adminPorts)
    {
        if (IsAllTraffic(rule.IpProtocol))
        {
            return adminPorts.Distinct().Order().ToList();
        }

        if (!IsTcpOrUdp(rule.IpProtocol))
        {
            return [];
        }

        // A tcp/udp rule without a range (or with -1) covers every port.
        var from = rule.FromPort is { } f and >= 0 ? f : 0;
        var to = rule.ToPort is { } t and >= 0 ? t : 65535;
        return adminPorts.Where(p => p >= from && p <= to).Distinct().Order().ToList();
    }

    /// <summary>True for any CIDR with prefix length 0 (0.0.0.0/0, ::/0 and their non-canonical spellings), which spans every address.</summary>
    public static bool IsWholeInternet(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0
            && int.TryParse(cidr.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefixLength)
            && prefixLength == 0;
    }

    public static string JoinPorts(IEnumerable<int> ports) =>
        string.Join(", ", ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));

    private static bool IsAllTraffic(string protocol) => protocol == "-1";

    private static bool IsTcpOrUdp(string protocol) =>
        protocol is "6" or "17"
        || string.Equals(protocol, "tcp", StringComparison.OrdinalIgnoreCase)
        || string.Equals(protocol, "udp", StringComparison.OrdinalIgnoreCase);

    private static string Traffic(IpPermission rule)
    {
        if (IsAllTraffic(rule.IpProtocol))
        {
            return "all traffic";
        }

        var protocol = rule.IpProtocol switch
        {
            "6" => "tcp",
            "17" => "udp",
            var name => name.ToLowerInvariant(),
        };
        return (rule.FromPort, rule.ToPort) switch
        {
            ({ } from, { } to) when from >= 0 && from == to => $"{protocol} port {from.ToString(CultureInfo.InvariantCulture)}",
            ({ } from, { } to) when from >= 0 && to >= 0 => $"{protocol} ports {from.ToString(CultureInfo.InvariantCulture)}-{to.ToString(CultureInfo.InvariantCulture)}",
            _ => $"{protocol} all ports",
        };
    }
}
