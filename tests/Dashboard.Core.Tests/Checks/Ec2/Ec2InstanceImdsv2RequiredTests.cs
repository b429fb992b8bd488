using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Ec2;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Ec2;

public class Ec2InstanceImdsv2RequiredTests
{
    private static Ec2Instance Instance(string tokens, string endpoint = "enabled", string state = "applied", string instanceState = "running") => new()
    {
        InstanceId = "i-0123456789abcdef0",
        Region = "eu-west-1",
        State = instanceState,
        MetadataOptions = new InstanceMetadataOptions(tokens, endpoint, state),
    };

    private static AccountInventory WithInstances(params Ec2Instance[] instances) =>
        TestInventory.Empty() with { Ec2 = new Ec2Data { Instances = instances } };

    private static CheckResult RunSingle(Ec2Instance instance) =>
        Assert.Single(new Ec2InstanceImdsv2Required().Run(WithInstances(instance)));

    [Fact]
    public void Evaluate_TokensRequired_ReturnsPass()
    {
        var result = RunSingle(Instance("required"));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("eu-west-1", result.Region);
        Assert.Equal("i-0123456789abcdef0", result.ResourceId);
        Assert.Equal("arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_TokensOptional_ReturnsFail()
    {
        var result = RunSingle(Instance("optional"));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("optional", result.Evidence["httpTokens"]);
    }

    [Fact]
    public void Evaluate_MetadataEndpointDisabled_ReturnsPass()
    {
        var result = RunSingle(Instance("optional", endpoint: "disabled"));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Contains("disabled", result.Reason);
    }

    [Fact]
    public void Evaluate_RequiredButStillPending_ReturnsFail()
    {
        var result = RunSingle(Instance("required", state: "pending"));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("not been applied", result.Reason);
    }

    [Fact]
    public void Evaluate_StoppedInstance_IsStillJudged()
    {
        Assert.Equal(ResultStatus.Fail, RunSingle(Instance("optional", instanceState: "stopped")).Status);
    }

    [Theory]
    [InlineData("terminated")]
    [InlineData("shutting-down")]
    public void Evaluate_OnlyTerminatedInstances_ReturnsNotApplicable(string instanceState)
    {
        var result = RunSingle(Instance("optional", instanceState: instanceState));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Fact]
    public void Evaluate_NoInstances_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new Ec2InstanceImdsv2Required().Run(WithInstances())).Status);
    }

    [Fact]
    public void Evaluate_DescribeInstancesDeniedInRegion_ReturnsOneErrorForThatRegion()
    {
        var inventory = WithInstances(Instance("required")) with
        {
            Errors = [TestInventory.AccessDenied("ec2", "DescribeInstances", "us-east-1")],
        };

        var results = new Ec2InstanceImdsv2Required().Run(inventory);

        Assert.Equal(2, results.Count);
        var error = Assert.Single(results, r => r.Status == ResultStatus.Error);
        Assert.Equal("us-east-1", error.Region);
        Assert.Equal("instances", error.ResourceId);
        Assert.Contains("ec2:DescribeInstances in us-east-1", error.Reason);
    }

    [Fact]
    public void Evaluate_DescribeInstancesDeniedAndNoInstances_ReturnsErrorNotNotApplicable()
    {
        var inventory = WithInstances() with { Errors = [TestInventory.AccessDenied("ec2", "DescribeInstances", "eu-west-1")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new Ec2InstanceImdsv2Required().Run(inventory)).Status);
    }
}
