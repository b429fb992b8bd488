using System.Net;
using System.Net.Sockets;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Ec2;

/// <summary>
/// CIS v5 5.6 (Manual): routes over a VPC peering connection send only the traffic that needs to cross it. Whether a route is
/// "least access" needs a person; we help: Fail for a route to the whole internet or to the peer VPC's whole CIDR (or wider),
/// Pass when no route uses the connection, and Manual with the routes listed otherwise.
/// </summary>
public sealed class Ec2VpcPeeringRoutesLeastAccess : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "ec2_vpc_peering_routes_least_access",
        Title = "VPC peering routes reach only the subnets that need each other",
        Service = "ec2",
        ResourceType = "AWS::EC2::VPCPeeringConnection",
        Severity = Severity.Low,
        ManualReview = true,
        Rationale = "A route to the peer's whole CIDR lets every subnet on one side reach every subnet on the other. If one side is compromised, "
            + "that turns a narrow integration into a flat network; routes to specific subnets keep the blast radius small.",
        Remediation = new Remediation(
            Steps: "For each route table that uses the peering connection, replace routes to the peer's whole CIDR with routes to the specific subnets "
                + "that must talk to each other, and attach those route tables only to the subnets that need them. Remove routes nobody uses.",
            Cli: "aws ec2 delete-route --route-table-id <rtb-id> --destination-cidr-block <peer-vpc-cidr>\n"
                + "aws ec2 create-route --route-table-id <rtb-id> --destination-cidr-block <peer-subnet-cidr> \\\n"
                + "  --vpc-peering-connection-id <pcx-id>",
            Terraform: "resource \"aws_route\" \"to_peer_db_subnet\" {\n"
                + "  route_table_id            = aws_route_table.app.id\n"
                + "  destination_cidr_block    = \"10.20.3.0/24\" # one peer subnet, not the peer VPC\n"
                + "  vpc_peering_connection_id = aws_vpc_peering_connection.this.id\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html",
            "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html",
        ],
        DataSources = [Sources.Ec2VpcPeeringConnections, Sources.Ec2RouteTables],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var peeringErrors = context.FirstErrorPerRegion(Sources.Ec2VpcPeeringConnections);
        foreach (var error in peeringErrors)
        {
            yield return Error(error.Region, "vpc-peering-connections", null, error);
        }

        var connections = inventory.Ec2.VpcPeeringConnections
            .Where(c => string.Equals(c.Status, "active", StringComparison.OrdinalIgnoreCase))
            .DistinctBy(c => c.VpcPeeringConnectionId, StringComparer.Ordinal)
            .ToList();
        if (connections.Count == 0 && peeringErrors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no active VPC peering connections");
        }

        var routeErrors = context.FirstErrorPerRegion(Sources.Ec2RouteTables);
        foreach (var connection in connections)
        {
            var region = connection.Region;
            var arn = $"arn:{inventory.Partition}:ec2:{region}:{inventory.AccountId}:vpc-peering-connection/{connection.VpcPeeringConnectionId}";
            var peers = ("vpcs", $"{connection.RequesterVpcId} ({connection.RequesterCidrBlock ?? "?"}) <-> {connection.AccepterVpcId} ({connection.AccepterCidrBlock ?? "?"})");

            // A route table in any Region may use the connection (inter-Region peering); a failed list anywhere leaves it open.
            if (routeErrors.Count > 0 && routeErrors[0] is { } routeError)
            {
                yield return Error(region, connection.VpcPeeringConnectionId, arn, routeError);
                continue;
            }

            var routes = inventory.Ec2.RouteTables
                .SelectMany(t => t.Routes.Where(r => string.Equals(r.VpcPeeringConnectionId, connection.VpcPeeringConnectionId, StringComparison.Ordinal))
                    .Select(r => (Table: t, Route: r, Destination: r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? "?")))
                .ToList();
            if (routes.Count == 0)
            {
                yield return Pass(region, connection.VpcPeeringConnectionId, arn, "no route table sends traffic over this peering connection", peers);
                continue;
            }

            var listed = ("routes", string.Join(", ", routes.Select(r => $"{r.Table.RouteTableId}: {r.Destination}")));
            var broad = routes
                .Where(r => IsWholeInternet(r.Destination) || Covers(r.Destination, PeerCidr(connection, r.Table.VpcId)))
                .Select(r => $"{r.Table.RouteTableId} routes {r.Destination}")
                .ToList();
            yield return broad.Count > 0
                ? Fail(region, connection.VpcPeeringConnectionId, arn,
                    $"routes cover the whole peer VPC or more: {string.Join("; ", broad)}", peers, listed)
                : Manual(region, connection.VpcPeeringConnectionId, arn,
                    "routes are narrower than the peer VPC; confirm that each routed subnet needs to reach the other side", peers, listed);
        }
    }

    private static bool IsWholeInternet(string cidr) => AdminPortExposure.IsWholeInternet(cidr);

    /// <summary>The CIDR of the VPC on the other side of the connection from the route table's VPC.</summary>
    private static string? PeerCidr(VpcPeeringConnection connection, string routeTableVpcId) =>
        string.Equals(routeTableVpcId, connection.RequesterVpcId, StringComparison.Ordinal) ? connection.AccepterCidrBlock
        : string.Equals(routeTableVpcId, connection.AccepterVpcId, StringComparison.Ordinal) ? connection.RequesterCidrBlock
        : null;

    /// <summary>Whether <paramref name="outer"/> contains the whole of <paramref name="inner"/> (same family, shorter or equal prefix).</summary>
    internal static bool Covers(string outer, string? inner)
    {
        if (inner is null || !IPNetwork.TryParse(outer, out var o) || !IPNetwork.TryParse(inner, out var i))
        {
            return false;
        }

        return o.BaseAddress.AddressFamily == i.BaseAddress.AddressFamily
            && o.PrefixLength <= i.PrefixLength
            && o.Contains(i.BaseAddress)
            && o.BaseAddress.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
    }
}
