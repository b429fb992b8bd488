namespace Dashboard.Core.Inventory;

public sealed record Ec2Data
{
    public IReadOnlyList<SecurityGroup> SecurityGroups { get; init; } = [];
    public IReadOnlyList<Ec2Instance> Instances { get; init; } = [];

    /// <summary>ec2:GetEbsEncryptionByDefault per region; a region missing here was not collected (see errors).</summary>
    public IReadOnlyDictionary<string, bool> EbsEncryptionByDefault { get; init; } = new Dictionary<string, bool>();

    /// <summary>ec2:GetInstanceMetadataDefaults per region: the account-level HttpTokens default (null = no preference).</summary>
    public IReadOnlyDictionary<string, string?> InstanceMetadataDefaultHttpTokens { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyList<Vpc> Vpcs { get; init; } = [];
    public IReadOnlyList<Subnet> Subnets { get; init; } = [];
    public IReadOnlyList<NetworkAcl> NetworkAcls { get; init; } = [];
    public IReadOnlyList<RouteTable> RouteTables { get; init; } = [];
    public IReadOnlyList<FlowLog> FlowLogs { get; init; } = [];
    public IReadOnlyList<VpcEndpoint> VpcEndpoints { get; init; } = [];
    public IReadOnlyList<VpcPeeringConnection> VpcPeeringConnections { get; init; } = [];
    public IReadOnlyList<EbsVolume> Volumes { get; init; } = [];
}

public sealed record Vpc
{
    public required string VpcId { get; init; }
    public required string Region { get; init; }
    public string? CidrBlock { get; init; }
    public IReadOnlyList<string> Ipv6CidrBlocks { get; init; } = [];
    public bool IsDefault { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public string Arn(string partition, string accountId) => $"arn:{partition}:ec2:{Region}:{accountId}:vpc/{VpcId}";
}

public sealed record Subnet(string SubnetId, string VpcId, string Region, string? CidrBlock, bool MapPublicIpOnLaunch);

public sealed record NetworkAcl
{
    public required string NetworkAclId { get; init; }
    public required string VpcId { get; init; }
    public required string Region { get; init; }
    public bool IsDefault { get; init; }
    public IReadOnlyList<NetworkAclEntry> Entries { get; init; } = [];
    public IReadOnlyList<string> SubnetIds { get; init; } = [];
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public string Arn(string partition, string accountId) => $"arn:{partition}:ec2:{Region}:{accountId}:network-acl/{NetworkAclId}";
}

/// <param name="Protocol">"-1" (all), "6" (tcp), "17" (udp), or another protocol number.</param>
/// <param name="RuleAction">allow or deny.</param>
public sealed record NetworkAclEntry(int RuleNumber, string Protocol, string RuleAction, bool Egress, string? CidrBlock, string? Ipv6CidrBlock, int? FromPort, int? ToPort);

public sealed record RouteTable
{
    public required string RouteTableId { get; init; }
    public required string VpcId { get; init; }
    public required string Region { get; init; }
    public IReadOnlyList<Route> Routes { get; init; } = [];
    public IReadOnlyList<string> SubnetIds { get; init; } = [];
    public bool IsMain { get; init; }
}

/// <param name="GatewayId">igw-..., vgw-..., local, or a VPC endpoint id; null when another target is used.</param>
public sealed record Route(string? DestinationCidrBlock, string? DestinationIpv6CidrBlock, string? GatewayId, string? VpcPeeringConnectionId, string? NatGatewayId, string State = "active");

/// <param name="ResourceId">The VPC, subnet or network interface the flow log is attached to.</param>
/// <param name="FlowLogStatus">ACTIVE or another status.</param>
/// <param name="TrafficType">ACCEPT, REJECT or ALL.</param>
public sealed record FlowLog(string FlowLogId, string Region, string ResourceId, string FlowLogStatus, string TrafficType);

/// <param name="VpcEndpointType">Gateway, Interface, GatewayLoadBalancer.</param>
/// <param name="State">available, pending, ...</param>
public sealed record VpcEndpoint(string VpcEndpointId, string Region, string VpcId, string ServiceName, string VpcEndpointType, string State, IReadOnlyList<string> RouteTableIds, string? PolicyDocument);

public sealed record VpcPeeringConnection(string VpcPeeringConnectionId, string Region, string RequesterVpcId, string? RequesterCidrBlock, string AccepterVpcId, string? AccepterCidrBlock, string Status);

public sealed record EbsVolume(string VolumeId, string Region, bool Encrypted, string State, IReadOnlyDictionary<string, string> Tags);

public sealed record SecurityGroup
{
    public required string GroupId { get; init; }
    public required string GroupName { get; init; }
    public required string Region { get; init; }
    public string? VpcId { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<IpPermission> Ingress { get; init; } = [];
    public IReadOnlyList<IpPermission> Egress { get; init; } = [];
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public string Arn(string partition, string accountId) =>
        $"arn:{partition}:ec2:{Region}:{accountId}:security-group/{GroupId}";
}

/// <param name="IpProtocol">"-1" for all, "tcp", "udp", "icmp", or a protocol number.</param>
/// <param name="FromPort">Null when the protocol has no ports (all traffic).</param>
public sealed record IpPermission(
    string IpProtocol,
    int? FromPort,
    int? ToPort,
    IReadOnlyList<string> Ipv4Ranges,
    IReadOnlyList<string> Ipv6Ranges,
    IReadOnlyList<string> PrefixListIds,
    IReadOnlyList<string> ReferencedGroupIds);

public sealed record Ec2Instance
{
    public required string InstanceId { get; init; }
    public required string Region { get; init; }

    /// <summary>pending, running, stopping, stopped, shutting-down, terminated.</summary>
    public required string State { get; init; }

    public string? InstanceType { get; init; }
    public string? VpcId { get; init; }
    public string? SubnetId { get; init; }
    public string? PublicIpAddress { get; init; }
    public IReadOnlyList<string> SecurityGroupIds { get; init; } = [];
    public string? IamInstanceProfileArn { get; init; }
    public DateTimeOffset? LaunchTime { get; init; }

    /// <summary>MetadataOptions: HttpTokens (optional/required), HttpEndpoint (enabled/disabled), State (pending/applied).</summary>
    public InstanceMetadataOptions MetadataOptions { get; init; } = new("optional", "enabled", "applied");

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public string Arn(string partition, string accountId) =>
        $"arn:{partition}:ec2:{Region}:{accountId}:instance/{InstanceId}";
}

public sealed record InstanceMetadataOptions(string HttpTokens, string HttpEndpoint, string State);
