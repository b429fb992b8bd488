using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Ec2;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Ec2;

public class Ec2AccountImdsv2DefaultTests
{
    private static CheckResult RunRegion(string? httpTokens, string region = "us-east-1")
    {
        var inventory = TestInventory.Empty("us-east-1") with
        {
            Ec2 = new Ec2Data { InstanceMetadataDefaultHttpTokens = new Dictionary<string, string?> { [region] = httpTokens } },
        };
        return Assert.Single(new Ec2AccountImdsv2Default().Run(inventory));
    }

    [Fact]
    public void Evaluate_RequiredDefault_ReturnsPass()
    {
        var result = RunRegion("required");

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("required", result.Evidence["httpTokensDefault"]);
    }

    [Fact]
    public void Evaluate_NoPreference_ReturnsFail()
    {
        var result = RunRegion(null);

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("no preference", result.Evidence["httpTokensDefault"]);
    }

    [Fact]
    public void Evaluate_OptionalDefault_ReturnsFail()
    {
        Assert.Equal(ResultStatus.Fail, RunRegion("optional").Status);
    }

    [Fact]
    public void Evaluate_CallDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty("us-east-1") with { Errors = [TestInventory.AccessDenied("ec2", "GetInstanceMetadataDefaults", "us-east-1")] };

        var result = Assert.Single(new Ec2AccountImdsv2Default().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("ec2:GetInstanceMetadataDefaults in us-east-1", result.Reason);
    }
}
