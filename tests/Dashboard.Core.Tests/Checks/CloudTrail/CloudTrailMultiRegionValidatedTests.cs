using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudTrail;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.CloudTrail;

public class CloudTrailMultiRegionValidatedTests
{
    private static Trail GoodTrail(string name = "audit") => new()
    {
        Name = name,
        Arn = $"arn:aws:cloudtrail:us-east-1:123456789012:trail/{name}",
        HomeRegion = "us-east-1",
        IsMultiRegionTrail = true,
        IsLogging = true,
        LogFileValidationEnabled = true,
        EventSelectors = [new EventSelector("All", true, [], [])],
    };

    private static CheckResult RunSingle(params Trail[] trails) =>
        Assert.Single(new CloudTrailMultiRegionValidated().Run(TestInventory.Empty() with { CloudTrail = new CloudTrailData { Trails = trails } }));

    [Fact]
    public void Evaluate_TrailMeetingEverything_ReturnsPass()
    {
        var result = RunSingle(GoodTrail());

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(Regions.Global, result.Region);
        Assert.Contains("validates log files", result.Reason);
    }

    [Fact]
    public void Evaluate_WithoutLogFileValidation_ReturnsFail()
    {
        var result = RunSingle(GoodTrail() with { LogFileValidationEnabled = false });

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("does not validate log files", result.Reason);
    }

    [Fact]
    public void Evaluate_RequirementsSpreadOverTwoTrails_ReturnsFail()
    {
        var validatedRegional = GoodTrail("regional") with { IsMultiRegionTrail = false };
        var unvalidated = GoodTrail("unvalidated") with { LogFileValidationEnabled = false };

        var result = RunSingle(validatedRegional, unvalidated);

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("no trail meets every requirement; the closest, unvalidated, does not validate log files", result.Reason);
    }

    [Fact]
    public void Evaluate_NoTrail_ReturnsFail()
    {
        Assert.Equal(ResultStatus.Fail, RunSingle().Status);
    }

    [Fact]
    public void Evaluate_DescribeTrailsDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with
        {
            CloudTrail = new CloudTrailData { Trails = [GoodTrail()] },
            Errors = [TestInventory.AccessDenied("cloudtrail", "DescribeTrails", "eu-west-1")],
        };

        var result = Assert.Single(new CloudTrailMultiRegionValidated().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("access denied", result.Reason);
    }
}
