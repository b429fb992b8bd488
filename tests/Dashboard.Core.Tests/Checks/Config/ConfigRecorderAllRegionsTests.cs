using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Config;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Config;

public class ConfigRecorderAllRegionsTests
{
    private static readonly ConfigurationRecorder Good = ConfigRecorderEnabledTests.Good;

    private static IReadOnlyList<CheckResult> Run(ConfigurationRecorder east, ConfigurationRecorder west, params CollectionError[] errors) =>
        new ConfigRecorderAllRegions().Run(TestInventory.Empty() with
        {
            Config = new ConfigData
            {
                Regions = new Dictionary<string, ConfigRegion>
                {
                    ["us-east-1"] = new() { Recorders = [east], DeliveryChannelNames = ["default"] },
                    ["eu-west-1"] = new() { Recorders = [west], DeliveryChannelNames = ["default"] },
                },
            },
            Errors = errors,
        });

    [Fact]
    public void Evaluate_AllTypesEverywhereWithGlobalOnce_ReturnsPassPerRegionAndForTheAccount()
    {
        var results = Run(Good, Good with { IncludeGlobalResourceTypes = false });

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(ResultStatus.Pass, r.Status));
        var account = Assert.Single(results, r => r.Region == Regions.Global);
        Assert.Equal("us-east-1", account.Evidence["region"]);
    }

    [Fact]
    public void Evaluate_RecordingStrategyAllSupported_CountsAsAllTypes()
    {
        var results = Run(Good with { AllSupported = false, RecordingStrategy = "ALL_SUPPORTED_RESOURCE_TYPES" }, Good);

        Assert.Equal(ResultStatus.Pass, results.Single(r => r.Region == "us-east-1").Status);
    }

    [Fact]
    public void Evaluate_SelectedTypesOnly_ReturnsFail()
    {
        var results = Run(Good, Good with { AllSupported = false, RecordingStrategy = "INCLUSION_BY_RESOURCE_TYPES" });

        var west = results.Single(r => r.Region == "eu-west-1");
        Assert.Equal(ResultStatus.Fail, west.Status);
        Assert.Contains("only selected resource types", west.Reason);
    }

    [Fact]
    public void Evaluate_NoRegionRecordsGlobalTypes_ReturnsAccountFail()
    {
        var results = Run(Good with { IncludeGlobalResourceTypes = false }, Good with { IncludeGlobalResourceTypes = false });

        Assert.Equal(ResultStatus.Fail, results.Single(r => r.Region == Regions.Global).Status);
    }

    [Fact]
    public void Evaluate_RecorderStatusDenied_ReturnsErrorAndNoAccountVerdict()
    {
        var results = Run(Good, Good, TestInventory.AccessDenied("config", "DescribeConfigurationRecorderStatus", "eu-west-1"));

        Assert.Equal(ResultStatus.Error, results.Single(r => r.Region == "eu-west-1").Status);
        Assert.DoesNotContain(results, r => r.Region == Regions.Global);
    }
}
