using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Clients;

/// <summary>S3 Control (REST-XML), only the account-level Block Public Access read.</summary>
public sealed class S3ControlClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.S3Control, region)
{
    public Task<PublicAccessBlock> GetPublicAccessBlockAsync(string accountId, CancellationToken cancellationToken)
    {
        var operation = AwsOperation.Rest("GetPublicAccessBlock", "GET", "/v20180820/configuration/publicAccessBlock");
        operation.Headers["x-amz-account-id"] = accountId;
        operation.HostPrefix = accountId + ".";
        return XmlAsync(operation, root =>
        {
            // The body is <PublicAccessBlockConfiguration> itself.
            var c = root.Name.LocalName == "PublicAccessBlockConfiguration" ? root : root.El("PublicAccessBlockConfiguration") ?? root;
            return new PublicAccessBlock(c.Bool("BlockPublicAcls"), c.Bool("IgnorePublicAcls"), c.Bool("BlockPublicPolicy"), c.Bool("RestrictPublicBuckets"));
        }, cancellationToken);
    }
}
