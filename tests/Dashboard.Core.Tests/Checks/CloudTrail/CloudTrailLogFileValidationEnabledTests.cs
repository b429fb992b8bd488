using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudTrail;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.CloudTrail;

public class CloudTrailLogFileValidationEnabledTests
{
    private static Trail Trail(string name, string homeRegion, bool validation) => new()
    {
        Name = name,
        Arn = $"arn:aws:cloudtrail:{homeRegion}:123456789012:trail/{name}",
        HomeRegion = homeRegion,
        LogFileValidationEnabled = validation,
    };

    private static AccountInventory WithTrails(params Trail[] trails) =>
        TestInventory.Empty() with { CloudTrail = new CloudTrailData { Trails = trails } };

    [Fact]
    public void Evaluate_ValidationEnabled_ReturnsPassInHomeRegion()
    {
        var trail = Trail("audit", "eu-west-1", validation: true);

        var result = Assert.Single(new CloudTrailLogFileValidationEnabled().Run(WithTrails(trail)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("eu-west-1", result.Region);
        Assert.Equal(trail.Arn, result.ResourceId);
        Assert.Equal(trail.Arn, result.ResourceArn);
    }

    [Fact]
    public void Evaluate_ValidationDisabled_ReturnsFail()
    {
        var result = Assert.Single(new CloudTrailLogFileValidationEnabled().Run(WithTrails(Trail("audit", "us-east-1", validation: false))));

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_SeveralTrails_ReturnsOneResultEach()
    {
        var results = new CloudTrailLogFileValidationEnabled().Run(WithTrails(
            Trail("a", "us-east-1", validation: true), Trail("b", "eu-west-1", validation: false)));

        Assert.Equal([ResultStatus.Pass, ResultStatus.Fail], results.Select(r => r.Status));
    }

    [Fact]
    public void Evaluate_NoTrails_ReturnsNotApplicable()
    {
        var result = Assert.Single(new CloudTrailLogFileValidationEnabled().Run(WithTrails()));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Fact]
    public void Evaluate_DescribeTrailsDeniedInRegion_ReturnsErrorForThatRegion()
    {
        var inventory = WithTrails(Trail("audit", "us-east-1", validation: true)) with
        {
            Errors =
            [
                TestInventory.AccessDenied("cloudtrail", "DescribeTrails", "eu-west-1"),
                TestInventory.AccessDenied("cloudtrail", "DescribeTrails", "eu-west-1"),
            ],
        };

        var results = new CloudTrailLogFileValidationEnabled().Run(inventory);

        Assert.Equal(2, results.Count);
        var error = Assert.Single(results, r => r.Status == ResultStatus.Error);
        Assert.Equal("eu-west-1", error.Region);
        Assert.Equal(ResultStatus.Pass, results.Single(r => r.Region == "us-east-1").Status);
    }

    [Fact]
    public void Evaluate_DescribeTrailsDeniedAndNoTrails_ReturnsErrorNotNotApplicable()
    {
        var inventory = WithTrails() with { Errors = [TestInventory.AccessDenied("cloudtrail", "DescribeTrails", "us-east-1")] };

        var result = Assert.Single(new CloudTrailLogFileValidationEnabled().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
    }
}
