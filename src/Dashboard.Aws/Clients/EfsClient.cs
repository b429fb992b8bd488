using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Clients;

public sealed record DescribeFileSystemsResponse(IReadOnlyList<EfsFileSystem> FileSystems, string? NextMarker);

/// <summary>EFS (REST-JSON), shaped like AWSSDK.ElasticFileSystem.</summary>
public sealed class EfsClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.Efs, region)
{
    public Task<DescribeFileSystemsResponse> DescribeFileSystemsAsync(string? marker, CancellationToken cancellationToken) =>
        JsonAsync(AwsOperation.Rest("DescribeFileSystems", "GET", "/2015-02-01/file-systems").With("Marker", marker), root => new DescribeFileSystemsResponse(
            root.Arr("FileSystems").Select(f => new EfsFileSystem
            {
                FileSystemId = f.Str("FileSystemId") ?? "",
                Arn = f.Str("FileSystemArn") ?? "",
                Region = Region,
                Name = f.Str("Name"),
                Encrypted = f.Bool("Encrypted"),
                KmsKeyId = f.Str("KmsKeyId"),
                Tags = f.TagList("Tags"),
            }).ToList(),
            root.Str("NextMarker")), cancellationToken);
}
