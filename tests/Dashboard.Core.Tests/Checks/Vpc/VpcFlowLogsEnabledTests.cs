using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Vpc;
using Dashboard.Core.Inventory;
using VpcRecord = Dashboard.Core.Inventory.Vpc;

namespace Dashboard.Core.Tests.Checks.Vpc;

public class VpcFlowLogsEnabledTests
{
    private static readonly VpcRecord Main = new() { VpcId = "vpc-0aaa", Region = "eu-west-1", CidrBlock = "10.0.0.0/16" };

    private static IReadOnlyList<CheckResult> Run(IReadOnlyList<FlowLog> flowLogs, params CollectionError[] errors) =>
        new VpcFlowLogsEnabled().Run(TestInventory.Empty() with { Ec2 = new Ec2Data { Vpcs = [Main], FlowLogs = flowLogs }, Errors = errors });

    [Fact]
    public void Evaluate_ActiveFlowLog_ReturnsPass()
    {
        var result = Assert.Single(Run([new FlowLog("fl-1", "eu-west-1", "vpc-0aaa", "ACTIVE", "REJECT"), new FlowLog("fl-2", "eu-west-1", "vpc-0aaa", "ACTIVE", "ALL")]));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("fl-2", result.Evidence["flowLog"]);
        Assert.Equal("arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0aaa", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_NoFlowLog_ReturnsFail()
    {
        var result = Assert.Single(Run([new FlowLog("fl-9", "eu-west-1", "subnet-1", "ACTIVE", "ALL")]));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("the VPC has no flow log", result.Reason);
    }

    [Fact]
    public void Evaluate_InactiveFlowLog_ReturnsFail()
    {
        Assert.Equal("the VPC's flow logs are not active", Assert.Single(Run([new FlowLog("fl-1", "eu-west-1", "vpc-0aaa", "FAILED", "ALL")])).Reason);
    }

    [Fact]
    public void Evaluate_FlowLogsDenied_ReturnsErrorNotFail()
    {
        var result = Assert.Single(Run([], TestInventory.AccessDenied("ec2", "DescribeFlowLogs", "eu-west-1")));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("vpc-0aaa", result.ResourceId);
    }

    [Fact]
    public void Evaluate_NoVpcs_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new VpcFlowLogsEnabled().Run(TestInventory.Empty())).Status);
    }
}
