using Dashboard.Core.Checks;
using Dashboard.Core.Checks.GuardDuty;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.GuardDuty;

public class GuardDutyEnabledAllRegionsTests
{
    private static readonly IReadOnlyDictionary<string, string> Features = new Dictionary<string, string> { ["S3_DATA_EVENTS"] = "ENABLED", ["EKS_AUDIT_LOGS"] = "DISABLED" };

    private static CheckResult RunRegion(IReadOnlyList<GuardDutyDetector> detectors, params CollectionError[] errors)
    {
        var inventory = TestInventory.Empty("eu-west-1") with
        {
            GuardDuty = new GuardDutyData { DetectorsByRegion = new Dictionary<string, IReadOnlyList<GuardDutyDetector>> { ["eu-west-1"] = detectors } },
            Errors = errors,
        };
        return Assert.Single(new GuardDutyEnabledAllRegions().Run(inventory));
    }

    [Fact]
    public void Evaluate_EnabledDetector_ReturnsPassWithFeatures()
    {
        var result = RunRegion([new GuardDutyDetector("d1", "ENABLED", Features)]);

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("d1", result.ResourceId);
        Assert.Equal("arn:aws:guardduty:eu-west-1:123456789012:detector/d1", result.ResourceArn);
        Assert.Equal("S3_DATA_EVENTS", result.Evidence["enabledFeatures"]);
    }

    [Fact]
    public void Evaluate_NoDetector_ReturnsFail()
    {
        Assert.Equal(ResultStatus.Fail, RunRegion([]).Status);
    }

    [Fact]
    public void Evaluate_SuspendedDetector_ReturnsFail()
    {
        var result = RunRegion([new GuardDutyDetector("d1", "DISABLED", Features)]);

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("DISABLED", result.Reason);
    }

    [Fact]
    public void Evaluate_GetDetectorDenied_ReturnsError()
    {
        var result = RunRegion([new GuardDutyDetector("d1", "ENABLED", Features)], TestInventory.AccessDenied("guardduty", "GetDetector", "eu-west-1", "d1"));

        Assert.Equal(ResultStatus.Error, result.Status);
    }
}
