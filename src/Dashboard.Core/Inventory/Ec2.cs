namespace Dashboard.Core.Inventory;

public sealed record Ec2Data
{
    public IReadOnlyList<SecurityGroup> SecurityGroups { get; init; } = [];
    public IReadOnlyList<Ec2Instance> Instances { get; init; } = [];

    /// <summary>ec2:GetEbsEncryptionByDefault per region; a region missing here was not collected (see errors).</summary>
    public IReadOnlyDictionary<string, bool> EbsEncryptionByDefault { get; init; } = new Dictionary<string, bool>();
}

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
    public string? IamInstanceProfileArn { get; init; }
    public DateTimeOffset? LaunchTime { get; init; }

    /// <summary>MetadataOptions: HttpTokens (optional/required), HttpEndpoint (enabled/disabled), State (pending/applied).</summary>
    public InstanceMetadataOptions MetadataOptions { get; init; } = new("optional", "enabled", "applied");

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public string Arn(string partition, string accountId) =>
        $"arn:{partition}:ec2:{Region}:{accountId}:instance/{InstanceId}";
}

public sealed record InstanceMetadataOptions(string HttpTokens, string HttpEndpoint, string State);
