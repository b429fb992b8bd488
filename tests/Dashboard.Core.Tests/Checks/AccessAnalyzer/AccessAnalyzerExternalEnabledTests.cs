using Dashboard.Core.Checks;
using Dashboard.Core.Checks.AccessAnalyzer;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.AccessAnalyzer;

public class AccessAnalyzerExternalEnabledTests
{
    private static Analyzer Analyzer(string name, string type, string status = "ACTIVE", string region = "us-east-1") =>
        new(name, $"arn:aws:access-analyzer:{region}:123456789012:analyzer/{name}", type, status);

    private static AccountInventory With(Dictionary<string, IReadOnlyList<Analyzer>> byRegion) =>
        TestInventory.Empty("us-east-1", "eu-west-1") with { AccessAnalyzer = new AccessAnalyzerData { AnalyzersByRegion = byRegion } };

    [Fact]
    public void Evaluate_ActiveAccountAnalyzer_ReturnsPassForThatRegion()
    {
        var analyzer = Analyzer("external-access", "ACCOUNT");

        var result = Assert.Single(new AccessAnalyzerExternalEnabled().Run(With(new() { ["us-east-1"] = [analyzer] })));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("us-east-1", result.Region);
        Assert.Equal(TestInventory.AccountId, result.ResourceId);
        Assert.Equal(analyzer.Arn, result.ResourceArn);
    }

    [Fact]
    public void Evaluate_OnlyUnusedAccessAnalyzer_ReturnsFail()
    {
        var result = Assert.Single(new AccessAnalyzerExternalEnabled().Run(With(new() { ["eu-west-1"] = [Analyzer("unused", "ACCOUNT_UNUSED_ACCESS", region: "eu-west-1")] })));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("no external access analyzer in this region", result.Reason);
    }

    [Fact]
    public void Evaluate_DisabledOrganizationAnalyzer_ReturnsFail()
    {
        var result = Assert.Single(new AccessAnalyzerExternalEnabled().Run(With(new() { ["us-east-1"] = [Analyzer("org", "ORGANIZATION", "DISABLED")] })));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("DISABLED", result.Reason);
    }

    [Fact]
    public void Evaluate_RegionWithoutAnalyzers_ReturnsFail()
    {
        var result = Assert.Single(new AccessAnalyzerExternalEnabled().Run(With(new() { ["eu-west-1"] = [] })));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("eu-west-1", result.Region);
    }

    [Fact]
    public void Evaluate_RegionNotCollectedAndNoError_GetsNoResult()
    {
        var results = new AccessAnalyzerExternalEnabled().Run(With(new() { ["us-east-1"] = [Analyzer("a", "ACCOUNT")] }));

        Assert.DoesNotContain(results, r => r.Region == "eu-west-1");
    }

    [Fact]
    public void Evaluate_ListDeniedInOneRegion_ReturnsErrorThereOnly()
    {
        var inventory = With(new() { ["us-east-1"] = [Analyzer("a", "ACCOUNT")] }) with
        {
            Errors = [TestInventory.AccessDenied("access-analyzer", "ListAnalyzers", "eu-west-1")],
        };

        var results = new AccessAnalyzerExternalEnabled().Run(inventory);

        Assert.Equal(ResultStatus.Pass, Assert.Single(results, r => r.Region == "us-east-1").Status);
        Assert.Equal(ResultStatus.Error, Assert.Single(results, r => r.Region == "eu-west-1").Status);
    }
}
