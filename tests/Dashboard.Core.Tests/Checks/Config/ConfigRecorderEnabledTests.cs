using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Config;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Config;

public class ConfigRecorderEnabledTests
{
    internal static readonly ConfigurationRecorder Good = new("default", AllSupported: true, IncludeGlobalResourceTypes: true, null, Recording: true, "Success");

    private static CheckResult RunRegion(ConfigRegion? region, params CollectionError[] errors)
    {
        var inventory = TestInventory.Empty("us-east-1") with
        {
            Config = new ConfigData { Regions = region is null ? new Dictionary<string, ConfigRegion>() : new Dictionary<string, ConfigRegion> { ["us-east-1"] = region } },
            Errors = errors,
        };
        return Assert.Single(new ConfigRecorderEnabled().Run(inventory));
    }

    [Fact]
    public void Evaluate_RecordingWithDeliveryChannel_ReturnsPass()
    {
        var result = RunRegion(new ConfigRegion { Recorders = [Good], DeliveryChannelNames = ["default"] });

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("default", result.ResourceId);
    }

    [Fact]
    public void Evaluate_NoRecorder_ReturnsFail()
    {
        Assert.Equal(ResultStatus.Fail, RunRegion(new ConfigRegion()).Status);
    }

    [Fact]
    public void Evaluate_RecorderStopped_ReturnsFail()
    {
        var result = RunRegion(new ConfigRegion { Recorders = [Good with { Recording = false }], DeliveryChannelNames = ["default"] });

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("is not recording", result.Reason);
    }

    [Fact]
    public void Evaluate_LastDeliveryFailed_ReturnsFail()
    {
        var result = RunRegion(new ConfigRegion { Recorders = [Good with { LastStatus = "FAILURE" }], DeliveryChannelNames = ["default"] });

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("failed", result.Reason);
    }

    [Fact]
    public void Evaluate_NoDeliveryChannel_ReturnsFail()
    {
        var result = RunRegion(new ConfigRegion { Recorders = [Good] });

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("no delivery channel", result.Reason);
    }

    [Fact]
    public void Evaluate_OnlySelectedTypes_StillPassesThisCheck()
    {
        var result = RunRegion(new ConfigRegion { Recorders = [Good with { AllSupported = false, RecordingStrategy = "INCLUSION_BY_RESOURCE_TYPES" }], DeliveryChannelNames = ["default"] });

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_DeliveryChannelsDenied_ReturnsError()
    {
        var result = RunRegion(new ConfigRegion { Recorders = [Good] }, TestInventory.AccessDenied("config", "DescribeDeliveryChannels", "us-east-1"));

        Assert.Equal(ResultStatus.Error, result.Status);
    }
}
