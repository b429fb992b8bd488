using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Vpc;
using Dashboard.Core.Inventory;
using VpcRecord = Dashboard.Core.Inventory.Vpc;

namespace Dashboard.Core.Tests.Checks.Vpc;

public class VpcEndpointsS3DynamoDbTests
{
    private const string Region = "eu-west-1";
    private static readonly VpcRecord Main = new() { VpcId = "vpc-0aaa", Region = Region };

    private static readonly RouteTable Private = new() { RouteTableId = "rtb-private", VpcId = "vpc-0aaa", Region = Region, Routes = [new Route("10.0.0.0/16", null, "local", null, null)] };
    private static readonly RouteTable Public = new() { RouteTableId = "rtb-public", VpcId = "vpc-0aaa", Region = Region, Routes = [new Route("0.0.0.0/0", null, "igw-1", null, null)] };

    private const string ScopedPolicy = """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::kelpline-*"}]}""";

    private static VpcEndpoint Gateway(string service, params string[] routeTables) =>
        new($"vpce-{service}", Region, "vpc-0aaa", $"com.amazonaws.{Region}.{service}", "Gateway", "available", routeTables, ScopedPolicy);

    private static CheckResult RunSingle(IReadOnlyList<VpcEndpoint> endpoints, CheckSettings? settings = null, params CollectionError[] errors)
    {
        var inventory = TestInventory.Empty() with { Ec2 = new Ec2Data { Vpcs = [Main], VpcEndpoints = endpoints, RouteTables = [Private, Public] }, Errors = errors };
        return Assert.Single(new VpcEndpointsS3DynamoDb().Evaluate(new EvaluationContext(inventory, TestInventory.Now) { Settings = settings ?? new CheckSettings() }));
    }

    [Fact]
    public void Evaluate_BothGatewayEndpointsOnPrivateTables_ReturnsPass()
    {
        var result = RunSingle([Gateway("s3", "rtb-private"), Gateway("dynamodb", "rtb-private")]);

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("vpce-s3 (Gateway)", result.Evidence["s3Endpoints"]);
        Assert.False(result.Evidence.ContainsKey("s3EndpointPolicy"));
    }

    [Fact]
    public void Evaluate_DynamoDbMissing_ReturnsFail()
    {
        var result = RunSingle([Gateway("s3", "rtb-private")]);

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("no available dynamodb endpoint", result.Reason);
    }

    [Fact]
    public void Evaluate_DynamoDbNotRequired_ReturnsPassWithS3Only()
    {
        Assert.Equal(ResultStatus.Pass, RunSingle([Gateway("s3", "rtb-private")], new CheckSettings { RequireDynamoDbEndpoint = false }).Status);
    }

    [Fact]
    public void Evaluate_GatewayMissingPrivateRouteTable_ReturnsFail()
    {
        var result = RunSingle([Gateway("s3", "rtb-public"), Gateway("dynamodb", "rtb-private")]);

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("the s3 gateway endpoint is not on private route table rtb-private", result.Reason);
    }

    [Fact]
    public void Evaluate_InterfaceEndpoint_ServesTheWholeVpc()
    {
        var s3Interface = new VpcEndpoint("vpce-s3i", Region, "vpc-0aaa", $"com.amazonaws.{Region}.s3", "Interface", "available", [], ScopedPolicy);

        Assert.Equal(ResultStatus.Pass, RunSingle([s3Interface, Gateway("dynamodb", "rtb-private")]).Status);
    }

    [Fact]
    public void Evaluate_PendingEndpoint_DoesNotCount()
    {
        Assert.Equal(ResultStatus.Fail, RunSingle([Gateway("s3", "rtb-private") with { State = "pending" }, Gateway("dynamodb", "rtb-private")]).Status);
    }

    [Fact]
    public void Evaluate_DefaultFullAccessPolicy_IsNotedInEvidence()
    {
        var result = RunSingle([Gateway("s3", "rtb-private") with { PolicyDocument = """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""" }, Gateway("dynamodb", "rtb-private")]);

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.StartsWith("default full access", result.Evidence["s3EndpointPolicy"]);
    }

    [Fact]
    public void Evaluate_EndpointsDenied_ReturnsError()
    {
        var result = RunSingle([], null, TestInventory.AccessDenied("ec2", "DescribeVpcEndpoints", Region));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("vpc-0aaa", result.ResourceId);
    }

    [Fact]
    public void Evaluate_NoVpcs_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new VpcEndpointsS3DynamoDb().Run(TestInventory.Empty())).Status);
    }
}
