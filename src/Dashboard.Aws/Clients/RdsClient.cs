using System.Xml.Linq;
using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Clients;

public sealed record DescribeDBInstancesResponse(IReadOnlyList<RdsInstance> DBInstances, string? Marker);

public sealed record DescribeDBClustersResponse(IReadOnlyList<RdsCluster> DBClusters, string? Marker);

/// <summary>RDS (query; list items are named after their shape, e.g. &lt;DBInstance&gt;), shaped like AWSSDK.RDS.</summary>
public sealed class RdsClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.Rds, region)
{
    public Task<DescribeDBInstancesResponse> DescribeDBInstancesAsync(string? marker, CancellationToken cancellationToken) =>
        XmlAsync(new AwsOperation("DescribeDBInstances").With("Marker", marker), result => new DescribeDBInstancesResponse(
            result.Members("DBInstances", "DBInstance").Select(i => new RdsInstance
            {
                DbInstanceIdentifier = i.Str("DBInstanceIdentifier") ?? "",
                Arn = i.Str("DBInstanceArn") ?? "",
                Region = Region,
                Engine = i.Str("Engine") ?? "",
                DbClusterIdentifier = i.Str("DBClusterIdentifier"),
                StorageEncrypted = i.Bool("StorageEncrypted"),
                KmsKeyId = i.Str("KmsKeyId"),
                AutoMinorVersionUpgrade = i.Bool("AutoMinorVersionUpgrade"),
                PubliclyAccessible = i.Bool("PubliclyAccessible"),
                MultiAz = i.Bool("MultiAZ"),
                DbSubnetGroupName = i.El("DBSubnetGroup")?.Str("DBSubnetGroupName"),
                SubnetIds = i.El("DBSubnetGroup")?.Members("Subnets", "Subnet").Select(s => s.Str("SubnetIdentifier") ?? "").ToList() ?? [],
                VpcSecurityGroupIds = i.Members("VpcSecurityGroups", "VpcSecurityGroupMembership").Select(s => s.Str("VpcSecurityGroupId") ?? "").ToList(),
                Tags = Tags(i),
            }).ToList(),
            result.Str("Marker")), cancellationToken);

    public Task<DescribeDBClustersResponse> DescribeDBClustersAsync(string? marker, CancellationToken cancellationToken) =>
        XmlAsync(new AwsOperation("DescribeDBClusters").With("Marker", marker), result => new DescribeDBClustersResponse(
            result.Members("DBClusters", "DBCluster").Select(c => new RdsCluster
            {
                DbClusterIdentifier = c.Str("DBClusterIdentifier") ?? "",
                Arn = c.Str("DBClusterArn") ?? "",
                Region = Region,
                Engine = c.Str("Engine") ?? "",
                StorageEncrypted = c.Bool("StorageEncrypted"),
                MultiAz = c.Bool("MultiAZ"),
                Tags = Tags(c),
            }).ToList(),
            result.Str("Marker")), cancellationToken);

    private static Dictionary<string, string> Tags(XElement resource) => resource.Tags("TagList", "Tag");
}
