using System.Collections.Concurrent;
using Amazon.EC2.Model;
using Dashboard.Core.Inventory;
using Inv = Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>
/// EC2 and VPC per region: security groups, network ACLs, VPCs, subnets, route tables, flow logs, VPC endpoints,
/// peering connections, instances (with metadata options), volumes, EBS encryption by default and the account's
/// instance metadata defaults. Every list call is followed through NextToken.
/// </summary>
public sealed class Ec2Collector : ICollector
{
    public static readonly IReadOnlyList<string> Actions =
    [
        "ec2:DescribeSecurityGroups", "ec2:DescribeNetworkAcls", "ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeRouteTables",
        "ec2:DescribeFlowLogs", "ec2:DescribeVpcEndpoints", "ec2:DescribeVpcPeeringConnections", "ec2:DescribeInstances",
        "ec2:DescribeVolumes", "ec2:GetEbsEncryptionByDefault", "ec2:GetInstanceMetadataDefaults",
    ];

    private const string Service = "ec2";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var groups = new ConcurrentBag<Inv.SecurityGroup>();
        var acls = new ConcurrentBag<Inv.NetworkAcl>();
        var vpcs = new ConcurrentBag<Inv.Vpc>();
        var subnets = new ConcurrentBag<Inv.Subnet>();
        var routeTables = new ConcurrentBag<Inv.RouteTable>();
        var flowLogs = new ConcurrentBag<Inv.FlowLog>();
        var endpoints = new ConcurrentBag<Inv.VpcEndpoint>();
        var peerings = new ConcurrentBag<Inv.VpcPeeringConnection>();
        var instances = new ConcurrentBag<Ec2Instance>();
        var volumes = new ConcurrentBag<EbsVolume>();
        var ebsDefault = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var metadataDefaults = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);

        await context.ForEachRegionAsync(async (region, ct) =>
        {
            var ec2 = context.Clients.Ec2(region);
            Task<bool> Page<TResponse>(string operation, Func<string?, CancellationToken, Task<TResponse>> call, Func<TResponse, string?> next, Action<TResponse> onPage) =>
                context.PageAsync(Service, region, operation, null, call, next, onPage, ct);

            await Task.WhenAll(
                Page("DescribeSecurityGroups", (t, c) => ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { NextToken = t }, c), r => r.NextToken,
                    r => (r.SecurityGroups ?? []).ForEach(g => groups.Add(new Inv.SecurityGroup
                    {
                        GroupId = g.GroupId,
                        GroupName = g.GroupName,
                        Region = region,
                        VpcId = N(N(g.VpcId)),
                        Description = N(N(g.Description)),
                        Ingress = (g.IpPermissions ?? []).Select(Permission).ToList(),
                        Egress = (g.IpPermissionsEgress ?? []).Select(Permission).ToList(),
                        Tags = Tags(g.Tags),
                    }))),
                Page("DescribeNetworkAcls", (t, c) => ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { NextToken = t }, c), r => r.NextToken,
                    r => (r.NetworkAcls ?? []).ForEach(a => acls.Add(new Inv.NetworkAcl
                    {
                        NetworkAclId = a.NetworkAclId,
                        VpcId = a.VpcId,
                        Region = region,
                        IsDefault = a.IsDefault ?? false,
                        Entries = (a.Entries ?? []).Select(e => new Inv.NetworkAclEntry(e.RuleNumber ?? 0, e.Protocol ?? "-1", e.RuleAction?.Value ?? "", e.Egress ?? false,
                            N(N(e.CidrBlock)), N(N(e.Ipv6CidrBlock)), e.PortRange?.From, e.PortRange?.To)).ToList(),
                        SubnetIds = (a.Associations ?? []).Select(x => x.SubnetId).Where(s => !string.IsNullOrEmpty(s)).ToList(),
                        Tags = Tags(a.Tags),
                    }))),
                Page("DescribeVpcs", (t, c) => ec2.DescribeVpcsAsync(new DescribeVpcsRequest { NextToken = t }, c), r => r.NextToken,
                    r => (r.Vpcs ?? []).ForEach(v => vpcs.Add(new Inv.Vpc
                    {
                        VpcId = v.VpcId,
                        Region = region,
                        CidrBlock = N(N(v.CidrBlock)),
                        Ipv6CidrBlocks = (v.Ipv6CidrBlockAssociationSet ?? []).Select(x => x.Ipv6CidrBlock).Where(x => x is not null).ToList(),
                        IsDefault = v.IsDefault ?? false,
                        Tags = Tags(v.Tags),
                    }))),
                Page("DescribeSubnets", (t, c) => ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { NextToken = t }, c), r => r.NextToken,
                    r => (r.Subnets ?? []).ForEach(s => subnets.Add(new Inv.Subnet(s.SubnetId, s.VpcId, region, N(N(s.CidrBlock)), s.MapPublicIpOnLaunch ?? false)))),
                Page("DescribeRouteTables", (t, c) => ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { NextToken = t }, c), r => r.NextToken,
                    r => (r.RouteTables ?? []).ForEach(rt => routeTables.Add(new Inv.RouteTable
                    {
                        RouteTableId = rt.RouteTableId,
                        VpcId = rt.VpcId,
                        Region = region,
                        Routes = (rt.Routes ?? []).Select(x => new Inv.Route(N(N(x.DestinationCidrBlock)), N(N(x.DestinationIpv6CidrBlock)), N(N(x.GatewayId)), N(N(x.VpcPeeringConnectionId)),
                            N(N(x.NatGatewayId)), x.State?.Value ?? "active")).ToList(),
                        SubnetIds = (rt.Associations ?? []).Select(x => x.SubnetId).Where(s => !string.IsNullOrEmpty(s)).ToList(),
                        IsMain = (rt.Associations ?? []).Any(x => x.Main ?? false),
                    }))),
                Page("DescribeFlowLogs", (t, c) => ec2.DescribeFlowLogsAsync(new DescribeFlowLogsRequest { NextToken = t }, c), r => r.NextToken,
                    r => (r.FlowLogs ?? []).ForEach(f => flowLogs.Add(new Inv.FlowLog(f.FlowLogId, region, f.ResourceId, f.FlowLogStatus ?? "", f.TrafficType?.Value ?? "")))),
                Page("DescribeVpcEndpoints", (t, c) => ec2.DescribeVpcEndpointsAsync(new DescribeVpcEndpointsRequest { NextToken = t }, c), r => r.NextToken,
                    r => (r.VpcEndpoints ?? []).ForEach(e => endpoints.Add(new Inv.VpcEndpoint(e.VpcEndpointId, region, e.VpcId, e.ServiceName,
                        e.VpcEndpointType?.Value ?? "", Lower(e.State?.Value), e.RouteTableIds ?? [], N(e.PolicyDocument))))),
                Page("DescribeVpcPeeringConnections", (t, c) => ec2.DescribeVpcPeeringConnectionsAsync(new DescribeVpcPeeringConnectionsRequest { NextToken = t }, c), r => r.NextToken,
                    r => (r.VpcPeeringConnections ?? []).ForEach(p => peerings.Add(new Inv.VpcPeeringConnection(p.VpcPeeringConnectionId, region,
                        p.RequesterVpcInfo?.VpcId ?? "", N(N(p.RequesterVpcInfo?.CidrBlock)), p.AccepterVpcInfo?.VpcId ?? "", N(N(p.AccepterVpcInfo?.CidrBlock)), p.Status?.Code?.Value ?? "")))),
                Page("DescribeInstances", (t, c) => ec2.DescribeInstancesAsync(new DescribeInstancesRequest { NextToken = t }, c), r => r.NextToken,
                    r => (r.Reservations ?? []).SelectMany(x => x.Instances ?? []).ToList().ForEach(i => instances.Add(new Ec2Instance
                    {
                        InstanceId = i.InstanceId,
                        Region = region,
                        State = i.State?.Name?.Value ?? "",
                        InstanceType = N(N(i.InstanceType?.Value)),
                        VpcId = N(N(i.VpcId)),
                        SubnetId = N(N(i.SubnetId)),
                        PublicIpAddress = N(N(i.PublicIpAddress)),
                        SecurityGroupIds = (i.SecurityGroups ?? []).Select(g => g.GroupId).ToList(),
                        IamInstanceProfileArn = N(N(i.IamInstanceProfile?.Arn)),
                        LaunchTime = i.LaunchTime is { } launched ? new DateTimeOffset(DateTime.SpecifyKind(launched, DateTimeKind.Utc)) : null,
                        MetadataOptions = new InstanceMetadataOptions(
                            i.MetadataOptions?.HttpTokens?.Value ?? "optional", i.MetadataOptions?.HttpEndpoint?.Value ?? "enabled", i.MetadataOptions?.State?.Value ?? "applied"),
                        Tags = Tags(i.Tags),
                    }))),
                Page("DescribeVolumes", (t, c) => ec2.DescribeVolumesAsync(new DescribeVolumesRequest { NextToken = t }, c), r => r.NextToken,
                    r => (r.Volumes ?? []).ForEach(v => volumes.Add(new EbsVolume(v.VolumeId, region, v.Encrypted ?? false, v.State?.Value ?? "", Tags(v.Tags))))),
                EbsDefaultAsync(),
                MetadataDefaultsAsync());

            async Task EbsDefaultAsync()
            {
                var result = await context.CallAsync(Service, region, "GetEbsEncryptionByDefault", null, c => ec2.GetEbsEncryptionByDefaultAsync(new GetEbsEncryptionByDefaultRequest(), c), ct);
                if (result.Succeeded)
                {
                    ebsDefault[region] = result.Value!.EbsEncryptionByDefault ?? false;
                }
            }

            async Task MetadataDefaultsAsync()
            {
                var result = await context.CallAsync(Service, region, "GetInstanceMetadataDefaults", null, c => ec2.GetInstanceMetadataDefaultsAsync(new GetInstanceMetadataDefaultsRequest(), c), ct);
                if (result.Succeeded)
                {
                    metadataDefaults[region] = result.Value!.AccountLevel?.HttpTokens?.Value;
                }
            }
        }, cancellationToken);

        var data = new Ec2Data
        {
            SecurityGroups = groups.OrderBy(g => g.Region, StringComparer.Ordinal).ThenBy(g => g.GroupId, StringComparer.Ordinal).ToList(),
            NetworkAcls = acls.OrderBy(a => a.Region, StringComparer.Ordinal).ThenBy(a => a.NetworkAclId, StringComparer.Ordinal).ToList(),
            Vpcs = vpcs.OrderBy(v => v.Region, StringComparer.Ordinal).ThenBy(v => v.VpcId, StringComparer.Ordinal).ToList(),
            Subnets = subnets.OrderBy(s => s.Region, StringComparer.Ordinal).ThenBy(s => s.SubnetId, StringComparer.Ordinal).ToList(),
            RouteTables = routeTables.OrderBy(r => r.Region, StringComparer.Ordinal).ThenBy(r => r.RouteTableId, StringComparer.Ordinal).ToList(),
            FlowLogs = flowLogs.OrderBy(f => f.Region, StringComparer.Ordinal).ThenBy(f => f.FlowLogId, StringComparer.Ordinal).ToList(),
            VpcEndpoints = endpoints.OrderBy(e => e.Region, StringComparer.Ordinal).ThenBy(e => e.VpcEndpointId, StringComparer.Ordinal).ToList(),
            VpcPeeringConnections = peerings.OrderBy(p => p.Region, StringComparer.Ordinal).ThenBy(p => p.VpcPeeringConnectionId, StringComparer.Ordinal).ToList(),
            Instances = instances.OrderBy(i => i.Region, StringComparer.Ordinal).ThenBy(i => i.InstanceId, StringComparer.Ordinal).ToList(),
            Volumes = volumes.OrderBy(v => v.Region, StringComparer.Ordinal).ThenBy(v => v.VolumeId, StringComparer.Ordinal).ToList(),
            EbsEncryptionByDefault = MonitoringCollector.Sorted(ebsDefault),
            InstanceMetadataDefaultHttpTokens = MonitoringCollector.Sorted(metadataDefaults),
        };
        return inventory => inventory with { Ec2 = data };
    }

    private static Inv.IpPermission Permission(Amazon.EC2.Model.IpPermission p) => new(
        p.IpProtocol ?? "-1",
        p.IpProtocol == "-1" ? null : p.FromPort,
        p.IpProtocol == "-1" ? null : p.ToPort,
        (p.Ipv4Ranges ?? []).Select(r => r.CidrIp).Where(r => r is not null).ToList(),
        (p.Ipv6Ranges ?? []).Select(r => r.CidrIpv6).Where(r => r is not null).ToList(),
        (p.PrefixListIds ?? []).Select(r => r.Id).Where(r => r is not null).ToList(),
        (p.UserIdGroupPairs ?? []).Select(r => r.GroupId).Where(r => r is not null).ToList());

    // The SDK maps the wire's "available" onto its constant "Available"; the inventory keeps the API's lower case.
#pragma warning disable CA1308 // AWS state values are lower case on the wire
    private static string Lower(string? value) => value?.ToLowerInvariant() ?? "";
#pragma warning restore CA1308

    // The SDK turns an empty element into "": optional members are null when absent or empty.
    private static string? N(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Dictionary<string, string> Tags(List<Tag>? tags) =>
        (tags ?? []).Where(t => t.Key is not null).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value ?? "", StringComparer.Ordinal);
}
