using Amazon.Runtime;
using Dashboard.Aws.Clients;
using Dashboard.Aws.Pipeline;
using Dashboard.Aws.Tests.Support;

namespace Dashboard.Aws.Tests.Pipeline;

public sealed class GenericPipelineTests
{
    private const string IamNs = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static readonly BasicAWSCredentials Keys = new("AKIDEXAMPLE", "secret");

    [Fact]
    public async Task Query_SignsForIamInUsEast1_AndParsesTheMap()
    {
        using var server = new CannedAwsServer(_ => CannedResponse.Xml($"""
            <GetAccountSummaryResponse xmlns="{IamNs}"><GetAccountSummaryResult><SummaryMap>
              <entry><key>AccountMFAEnabled</key><value>1</value></entry>
              <entry><key>Users</key><value>27</value></entry>
            </SummaryMap></GetAccountSummaryResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetAccountSummaryResponse>
            """));
        using var factory = new AwsClientFactory(Keys, "aws", server.Url);

        var summary = await new IamClient(factory, "us-east-1").GetAccountSummaryAsync(CancellationToken.None);

        Assert.Equal(1, summary["AccountMFAEnabled"]);
        Assert.Equal(27, summary["Users"]);
        var request = Assert.Single(server.Requests);
        var form = Form.Parse(request.Body);
        Assert.Equal("GetAccountSummary", form["Action"]);
        Assert.Equal("2010-05-08", form["Version"]);
        Assert.Contains("Credential=AKIDEXAMPLE/", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("/us-east-1/iam/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ErrorBody_BecomesAmazonServiceExceptionWithTheCode()
    {
        using var server = new CannedAwsServer(_ => CannedResponse.Xml(
            $"""<ErrorResponse xmlns="{IamNs}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>no policy</Message></Error><RequestId>r2</RequestId></ErrorResponse>""", 404));
        using var factory = new AwsClientFactory(Keys, "aws", server.Url);

        var ex = await Assert.ThrowsAsync<AmazonServiceException>(() => new IamClient(factory, "us-east-1").GetAccountPasswordPolicyAsync(CancellationToken.None));

        Assert.Equal("NoSuchEntity", ex.ErrorCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Json11_ThrottlingIsRetriedByTheSdk()
    {
        var calls = 0;
        using var server = new CannedAwsServer(request => Interlocked.Increment(ref calls) == 1
            ? CannedResponse.Json("""{"__type":"ThrottlingException","message":"slow down"}""", 400)
            : CannedResponse.Json("""{"trailList":[{"Name":"t","TrailARN":"arn:aws:cloudtrail:eu-west-1:111122223333:trail/t","HomeRegion":"eu-west-1"}]}"""));
        using var factory = new AwsClientFactory(Keys, "aws", server.Url);

        var body = await factory.SendAsync(AwsService.CloudTrail, "eu-west-1", new AwsOperation("DescribeTrails"), CancellationToken.None);

        Assert.Contains("trailList", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.Equal(2, calls);
        var request = server.Requests.Last();
        Assert.Equal("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails", request.Target);
        Assert.Contains("/eu-west-1/cloudtrail/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestJson_PathLabelsAreEncodedOnce_AndQueryStringCarriesParameters()
    {
        using var server = new CannedAwsServer(_ => new CannedResponse(200, "application/json", """{"Policy":"{}"}"""));
        using var factory = new AwsClientFactory(Keys, "aws", server.Url);
        var operation = AwsOperation.Rest("GetPolicy", "GET", "/2015-03-31/functions/{FunctionName}/policy");
        operation.PathLabels["FunctionName"] = "arn:aws:lambda:eu-west-1:111122223333:function:f";
        operation.Parameters["Qualifier"] = "v1";

        await factory.SendAsync(AwsService.Lambda, "eu-west-1", operation, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A111122223333%3Afunction%3Af/policy?Qualifier=v1", request.PathAndQuery);
    }

    [Fact]
    public async Task RestJson_ErrorTypeHeader_GivesTheErrorCode()
    {
        using var server = new CannedAwsServer(_ => new CannedResponse(404, "application/json", """{"message":"no policy"}""",
            new Dictionary<string, string> { ["x-amzn-ErrorType"] = "ResourceNotFoundException:http://internal.amazon.com/" }));
        using var factory = new AwsClientFactory(Keys, "aws", server.Url);
        var operation = AwsOperation.Rest("GetPolicy", "GET", "/2015-03-31/functions/{FunctionName}/policy");
        operation.PathLabels["FunctionName"] = "f";

        var ex = await Assert.ThrowsAsync<AmazonServiceException>(() => factory.SendAsync(AwsService.Lambda, "eu-west-1", operation, CancellationToken.None));

        Assert.Equal("ResourceNotFoundException", ex.ErrorCode);
    }
}
