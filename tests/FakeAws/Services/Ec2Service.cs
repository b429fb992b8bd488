using Dashboard.Core.Inventory;
using FakeAws.Wire;
using static FakeAws.Wire.X;

namespace FakeAws.Services;

public sealed class Ec2Service : ServiceHandler
{
    /// <summary>Regions that must be enabled before use (opt-in); every other region is enabled by default.</summary>
    public static readonly IReadOnlySet<string> OptInRegions = new HashSet<string>(StringComparer.Ordinal)
    {
        "af-south-1", "ap-east-1", "ap-east-2", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6",
        "ap-southeast-7", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
    };

    public Ec2Service()
    {
        On("DescribeRegions", DescribeRegions);
        On("DescribeSecurityGroups", DescribeSecurityGroups);
        On("DescribeInstances", DescribeInstances);
        On("DescribeVpcs", c => Paged(c, c.Inventory.Ec2.Vpcs.Where(v => v.Region == c.Region && Has(c, "VpcId", v.VpcId) && Filter(c, "vpc-id", v.VpcId)), "vpcSet", v =>
        [
            E("vpcId", v.VpcId), E("ownerId", c.Inventory.AccountId), E("state", "available"), E("cidrBlock", v.CidrBlock),
            Items("ipv6CidrBlockAssociationSet", v.Ipv6CidrBlocks, b => [E("associationId", "vpc-cidr-assoc-" + Ids.Hex(b, 17)), E("ipv6CidrBlock", b), E("ipv6CidrBlockState", E("state", "associated"))]),
            E("dhcpOptionsId", "dopt-" + Ids.Hex(v.VpcId, 17)), E("instanceTenancy", "default"), E("isDefault", v.IsDefault), TagSet(v.Tags),
        ]));
        On("DescribeSubnets", c => Paged(c, c.Inventory.Ec2.Subnets.Where(s => s.Region == c.Region && Has(c, "SubnetId", s.SubnetId) && Filter(c, "vpc-id", s.VpcId)), "subnetSet", s =>
        [
            E("subnetId", s.SubnetId), E("subnetArn", $"arn:{c.Inventory.Partition}:ec2:{c.Region}:{c.Inventory.AccountId}:subnet/{s.SubnetId}"),
            E("state", "available"), E("vpcId", s.VpcId), E("cidrBlock", s.CidrBlock), E("availabilityZone", c.Region + "a"),
            E("mapPublicIpOnLaunch", s.MapPublicIpOnLaunch), E("defaultForAz", false), E("ownerId", c.Inventory.AccountId),
        ]));
        On("DescribeNetworkAcls", c => Paged(c, c.Inventory.Ec2.NetworkAcls.Where(n => n.Region == c.Region && Filter(c, "vpc-id", n.VpcId)), "networkAclSet", n =>
        [
            E("networkAclId", n.NetworkAclId), E("vpcId", n.VpcId), E("default", n.IsDefault),
            Items("entrySet", n.Entries, e =>
            [
                E("ruleNumber", e.RuleNumber), E("protocol", e.Protocol), E("ruleAction", e.RuleAction), E("egress", e.Egress),
                E("cidrBlock", e.CidrBlock), E("ipv6CidrBlock", e.Ipv6CidrBlock),
                e.FromPort is null ? null : E("portRange", E("from", e.FromPort.Value), E("to", e.ToPort ?? e.FromPort.Value)),
            ]),
            Items("associationSet", n.SubnetIds, s => [E("networkAclAssociationId", "aclassoc-" + Ids.Hex(n.NetworkAclId + s, 17)), E("networkAclId", n.NetworkAclId), E("subnetId", s)]),
            TagSet(n.Tags), E("ownerId", c.Inventory.AccountId),
        ]));
        On("DescribeRouteTables", c => Paged(c, c.Inventory.Ec2.RouteTables.Where(t => t.Region == c.Region && Filter(c, "vpc-id", t.VpcId)), "routeTableSet", t =>
        [
            E("routeTableId", t.RouteTableId), E("vpcId", t.VpcId), E("ownerId", c.Inventory.AccountId),
            Items("routeSet", t.Routes, r =>
            [
                E("destinationCidrBlock", r.DestinationCidrBlock), E("destinationIpv6CidrBlock", r.DestinationIpv6CidrBlock),
                E("gatewayId", r.GatewayId), E("natGatewayId", r.NatGatewayId), E("vpcPeeringConnectionId", r.VpcPeeringConnectionId),
                E("state", r.State), E("origin", r.GatewayId == "local" ? "CreateRouteTable" : "CreateRoute"),
            ]),
            Items("associationSet", t.IsMain ? [null, .. t.SubnetIds] : t.SubnetIds.Cast<string?>(), s =>
            [
                E("main", s is null), E("routeTableAssociationId", "rtbassoc-" + Ids.Hex(t.RouteTableId + s, 17)), E("routeTableId", t.RouteTableId),
                E("subnetId", s), E("associationState", E("state", "associated")),
            ]),
            new System.Xml.Linq.XElement("propagatingVgwSet"), TagSet(new Dictionary<string, string>()),
        ]));
        On("DescribeFlowLogs", c => Paged(c, c.Inventory.Ec2.FlowLogs.Where(f => f.Region == c.Region && Filter(c, "resource-id", f.ResourceId)), "flowLogSet", f =>
        [
            E("creationTime", c.Inventory.CollectedAt.AddDays(-200)), E("deliverLogsStatus", "SUCCESS"), E("flowLogId", f.FlowLogId),
            E("flowLogStatus", f.FlowLogStatus), E("logDestinationType", "cloud-watch-logs"), E("logGroupName", "vpc-flow-logs"),
            E("resourceId", f.ResourceId), E("trafficType", f.TrafficType), E("maxAggregationInterval", 600),
        ]));
        On("DescribeVpcEndpoints", c => Paged(c, c.Inventory.Ec2.VpcEndpoints.Where(e => e.Region == c.Region && Filter(c, "vpc-id", e.VpcId)), "vpcEndpointSet", e =>
        [
            E("vpcEndpointId", e.VpcEndpointId), E("vpcEndpointType", e.VpcEndpointType), E("vpcId", e.VpcId), E("serviceName", e.ServiceName),
            E("state", e.State), E("policyDocument", e.PolicyDocument),
            new System.Xml.Linq.XElement("routeTableIdSet", e.RouteTableIds.Select(r => E("item", r))),
            E("privateDnsEnabled", false), E("ownerId", c.Inventory.AccountId),
            E("creationTimestamp", c.Inventory.CollectedAt.AddDays(-100)),
        ]));
        On("DescribeVpcPeeringConnections", c => Paged(c, c.Inventory.Ec2.VpcPeeringConnections.Where(p => p.Region == c.Region), "vpcPeeringConnectionSet", p =>
        [
            E("vpcPeeringConnectionId", p.VpcPeeringConnectionId),
            E("requesterVpcInfo", E("vpcId", p.RequesterVpcId), E("cidrBlock", p.RequesterCidrBlock), E("ownerId", c.Inventory.AccountId), E("region", c.Region)),
            E("accepterVpcInfo", E("vpcId", p.AccepterVpcId), E("cidrBlock", p.AccepterCidrBlock), E("ownerId", c.Inventory.AccountId), E("region", c.Region)),
            E("status", E("code", p.Status), E("message", p.Status == "active" ? "Active" : p.Status)),
            TagSet(new Dictionary<string, string>()),
        ]));
        On("DescribeVolumes", c => Paged(c, c.Inventory.Ec2.Volumes.Where(v => v.Region == c.Region && Has(c, "VolumeId", v.VolumeId)), "volumeSet", v =>
        [
            E("volumeId", v.VolumeId), E("size", 8), E("availabilityZone", c.Region + "a"), E("status", v.State),
            E("createTime", c.Inventory.CollectedAt.AddDays(-150)), E("volumeType", "gp3"), E("encrypted", v.Encrypted), TagSet(v.Tags),
        ]));
        On("GetEbsEncryptionByDefault", c => new object?[]
        {
            E("ebsEncryptionByDefault", c.Inventory.Ec2.EbsEncryptionByDefault.GetValueOrDefault(c.Region)),
        });
        On("GetInstanceMetadataDefaults", c => new object?[]
        {
            E("accountLevel", c.Inventory.Ec2.InstanceMetadataDefaultHttpTokens.GetValueOrDefault(c.Region) is { } tokens ? E("httpTokens", tokens) : null),
        });
    }

    public override ServiceInfo Info => ServiceInfo.All["ec2"];

    private static bool Has(Call call, string idParam, string id)
    {
        var ids = call.PList(idParam);
        return ids.Count == 0 || ids.Contains(id);
    }

    private static bool Filter(Call call, string filter, string? value) =>
        !call.Filters().TryGetValue(filter, out var values) || (value is not null && values.Contains(value));

    private static object?[] Paged<T>(Call call, IEnumerable<T> all, string setName, Func<T, object?[]> item)
    {
        var (page, next) = call.Page(all.ToArray(), call.P("NextToken"), call.PInt("MaxResults"));
        return [Items(setName, page, item), next is null ? null : E("nextToken", next)];
    }

    private static object DescribeRegions(Call call)
    {
        var account = call.Account.Scenario;
        var all = call.P("AllRegions") == "true";
        var names = call.PList("RegionName");
        var regions = account.Enabled.Select(r => (Name: r, Status: OptInRegions.Contains(r) ? "opted-in" : "opt-in-not-required"))
            .Concat(all ? account.Disabled.Select(r => (Name: r, Status: "not-opted-in")) : [])
            .Where(r => names.Count == 0 || names.Contains(r.Name))
            .OrderBy(r => r.Name, StringComparer.Ordinal);
        return new object?[]
        {
            Items("regionInfo", regions, r => [E("regionName", r.Name), E("regionEndpoint", $"ec2.{r.Name}.amazonaws.com"), E("optInStatus", r.Status)]),
        };
    }

    private static object DescribeSecurityGroups(Call call)
    {
        var groups = call.Inventory.Ec2.SecurityGroups
            .Where(g => g.Region == call.Region && Has(call, "GroupId", g.GroupId) && Filter(call, "vpc-id", g.VpcId) && Filter(call, "group-name", g.GroupName))
            .ToArray();
        return Paged(call, groups, "securityGroupInfo", g =>
        [
            E("ownerId", call.Inventory.AccountId), E("groupId", g.GroupId), E("groupName", g.GroupName), E("groupDescription", g.Description ?? g.GroupName),
            Permissions("ipPermissions", g.Ingress, call), Permissions("ipPermissionsEgress", g.Egress, call),
            E("vpcId", g.VpcId), TagSet(g.Tags),
        ]);
    }

    private static System.Xml.Linq.XElement Permissions(string name, IReadOnlyList<IpPermission> permissions, Call call) => Items(name, permissions, p =>
    [
        E("ipProtocol", p.IpProtocol),
        p.FromPort is null ? null : E("fromPort", p.FromPort.Value),
        p.ToPort is null ? null : E("toPort", p.ToPort.Value),
        Items("groups", p.ReferencedGroupIds, g => [E("groupId", g), E("userId", call.Inventory.AccountId)]),
        Items("ipRanges", p.Ipv4Ranges, r => [E("cidrIp", r)]),
        Items("ipv6Ranges", p.Ipv6Ranges, r => [E("cidrIpv6", r)]),
        Items("prefixListIds", p.PrefixListIds, r => [E("prefixListId", r)]),
    ]);

    private static int StateCode(string state) => state switch
    {
        "pending" => 0,
        "running" => 16,
        "shutting-down" => 32,
        "terminated" => 48,
        "stopping" => 64,
        _ => 80,
    };

    private static object DescribeInstances(Call call)
    {
        var instances = call.Inventory.Ec2.Instances
            .Where(i => i.Region == call.Region && Has(call, "InstanceId", i.InstanceId) && Filter(call, "vpc-id", i.VpcId) && Filter(call, "instance-state-name", i.State))
            .ToArray();
        var groupNames = call.Inventory.Ec2.SecurityGroups.ToDictionary(g => g.GroupId, g => g.GroupName);
        return Paged(call, instances, "reservationSet", i =>
        [
            E("reservationId", "r-" + Ids.Hex(i.InstanceId, 17)), E("ownerId", call.Inventory.AccountId), new System.Xml.Linq.XElement("groupSet"),
            Items("instancesSet", [i], x =>
            [
                E("instanceId", x.InstanceId), E("imageId", "ami-" + Ids.Hex(x.InstanceId + "ami", 17)),
                E("instanceState", E("code", StateCode(x.State)), E("name", x.State)),
                E("privateDnsName", ""), E("dnsName", ""), E("instanceType", x.InstanceType ?? "t3.micro"),
                E("launchTime", x.LaunchTime ?? call.Inventory.CollectedAt.AddDays(-30)),
                E("placement", E("availabilityZone", call.Region + "a"), E("tenancy", "default")),
                E("monitoring", E("state", "disabled")),
                E("subnetId", x.SubnetId), E("vpcId", x.VpcId), E("ipAddress", x.PublicIpAddress),
                Items("groupSet", x.SecurityGroupIds, g => [E("groupId", g), E("groupName", groupNames.GetValueOrDefault(g) ?? g)]),
                x.IamInstanceProfileArn is null ? null : E("iamInstanceProfile", E("arn", x.IamInstanceProfileArn), E("id", Ids.Iam("AIPA", x.IamInstanceProfileArn))),
                TagSet(x.Tags),
                E("metadataOptions", E("state", x.MetadataOptions.State), E("httpTokens", x.MetadataOptions.HttpTokens),
                    E("httpPutResponseHopLimit", 1), E("httpEndpoint", x.MetadataOptions.HttpEndpoint)),
            ]),
        ]);
    }
}
