using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudTrail;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.CloudTrail;

public class CloudTrailMultiRegionLoggingTests
{
    private static readonly EventSelector AllManagement = new("All", true, [], []);

    private static Trail GoodTrail(string name = "audit") => new()
    {
        Name = name,
        Arn = $"arn:aws:cloudtrail:us-east-1:123456789012:trail/{name}",
        HomeRegion = "us-east-1",
        IsMultiRegionTrail = true,
        IsLogging = true,
        LogFileValidationEnabled = true,
        EventSelectors = [AllManagement],
    };

    private static AdvancedEventSelector Advanced(params AdvancedFieldSelector[] fields) => new("management", fields);

    private static AdvancedFieldSelector FieldEquals(string field, string value) => new(field, [value], [], [], []);

    private static AccountInventory WithTrails(params Trail[] trails) =>
        TestInventory.Empty() with { CloudTrail = new CloudTrailData { Trails = trails } };

    private static CheckResult RunSingle(AccountInventory inventory) =>
        Assert.Single(new CloudTrailMultiRegionLogging().Run(inventory));

    [Fact]
    public void Evaluate_CompliantTrail_ReturnsPass()
    {
        var result = RunSingle(WithTrails(GoodTrail()));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(Regions.Global, result.Region);
        Assert.Equal(TestInventory.AccountId, result.ResourceId);
        Assert.Equal(GoodTrail().Arn, result.Evidence["trail"]);
    }

    [Fact]
    public void Evaluate_AdvancedManagementSelectorWithoutReadOnly_ReturnsPass()
    {
        var trail = GoodTrail() with { EventSelectors = [], AdvancedEventSelectors = [Advanced(FieldEquals("eventCategory", "Management"))] };

        Assert.Equal(ResultStatus.Pass, RunSingle(WithTrails(trail)).Status);
    }

    [Fact]
    public void Evaluate_AdvancedSelectorReadOnlyTrue_ReturnsFail()
    {
        var trail = GoodTrail() with
        {
            EventSelectors = [],
            AdvancedEventSelectors = [Advanced(FieldEquals("eventCategory", "Management"), FieldEquals("readOnly", "true"))],
        };

        var result = RunSingle(WithTrails(trail));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("records read but not write management events", result.Reason);
    }

    [Fact]
    public void Evaluate_SeparateReadAndWriteSelectors_ReturnsPass()
    {
        var trail = GoodTrail() with
        {
            EventSelectors = [new EventSelector("ReadOnly", true, [], []), new EventSelector("WriteOnly", true, [], [])],
        };

        Assert.Equal(ResultStatus.Pass, RunSingle(WithTrails(trail)).Status);
    }

    [Fact]
    public void Evaluate_DataEventsOnlySelector_ReturnsFail()
    {
        var trail = GoodTrail() with
        {
            EventSelectors = [],
            AdvancedEventSelectors = [Advanced(FieldEquals("eventCategory", "Data"), FieldEquals("resources.type", "AWS::S3::Object"))],
        };

        var result = RunSingle(WithTrails(trail));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("does not record management events", result.Reason);
    }

    [Fact]
    public void Evaluate_WriteOnlyBasicSelector_ReturnsFail()
    {
        var trail = GoodTrail() with { EventSelectors = [new EventSelector("WriteOnly", true, [], [])] };

        Assert.Equal(ResultStatus.Fail, RunSingle(WithTrails(trail)).Status);
    }

    [Fact]
    public void Evaluate_SingleRegionTrail_ReturnsFail()
    {
        var result = RunSingle(WithTrails(GoodTrail() with { IsMultiRegionTrail = false }));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("applies to its home Region only", result.Reason);
    }

    [Fact]
    public void Evaluate_LoggingStopped_ReturnsFail()
    {
        var result = RunSingle(WithTrails(GoodTrail() with { IsLogging = false }));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("is not logging", result.Reason);
    }

    [Fact]
    public void Evaluate_WithoutLogFileValidation_StillReturnsPass()
    {
        // Validation is checklist X9 (cloudtrail_multi_region_validated) and CIS 3.2, not part of 3.1.
        Assert.Equal(ResultStatus.Pass, RunSingle(WithTrails(GoodTrail() with { LogFileValidationEnabled = false })).Status);
    }

    [Fact]
    public void Evaluate_RequirementsSpreadOverTrails_ReturnsFailNamingClosestTrail()
    {
        var regional = GoodTrail("regional") with { IsMultiRegionTrail = false, IsLogging = false };
        var stopped = GoodTrail("stopped") with { IsLogging = false };

        var result = RunSingle(WithTrails(regional, stopped));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("no trail meets every requirement; the closest, stopped, is not logging", result.Reason);
    }

    [Fact]
    public void Evaluate_NoTrails_ReturnsFail()
    {
        var result = RunSingle(WithTrails());

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("no CloudTrail trail", result.Reason);
    }

    [Fact]
    public void Evaluate_DescribeTrailsDeniedInOneRegion_ReturnsErrorNotPass()
    {
        var inventory = WithTrails(GoodTrail()) with { Errors = [TestInventory.AccessDenied("cloudtrail", "DescribeTrails", "eu-west-1")] };

        var result = RunSingle(inventory);

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("cloudtrail:DescribeTrails in eu-west-1", result.Reason);
    }

    [Fact]
    public void Evaluate_StatusDeniedForOnlyCandidate_ReturnsErrorNotFail()
    {
        var trail = GoodTrail() with { IsLogging = null };
        var inventory = WithTrails(trail) with
        {
            Errors = [TestInventory.AccessDenied("cloudtrail", "GetTrailStatus", "us-east-1", trail.Arn)],
        };

        var result = RunSingle(inventory);

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("cloudtrail:GetTrailStatus", result.Reason);
    }

    [Fact]
    public void Evaluate_SelectorsDeniedForOnlyCandidate_ReturnsError()
    {
        var trail = GoodTrail() with { EventSelectors = [] };
        var inventory = WithTrails(trail) with
        {
            Errors = [TestInventory.AccessDenied("cloudtrail", "GetEventSelectors", "us-east-1", trail.Arn)],
        };

        Assert.Equal(ResultStatus.Error, RunSingle(inventory).Status);
    }

    [Fact]
    public void Evaluate_StatusDeniedButAnotherTrailPasses_ReturnsPass()
    {
        var unknown = GoodTrail("unknown") with { IsLogging = null };
        var inventory = WithTrails(unknown, GoodTrail("good")) with
        {
            Errors = [TestInventory.AccessDenied("cloudtrail", "GetTrailStatus", "us-east-1", unknown.Arn)],
        };

        var result = RunSingle(inventory);

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Contains("good", result.Reason);
    }

    [Fact]
    public void Evaluate_StatusDeniedForTrailThatFailsAnyway_ReturnsFail()
    {
        var trail = GoodTrail() with { IsLogging = null, IsMultiRegionTrail = false };
        var inventory = WithTrails(trail) with
        {
            Errors = [TestInventory.AccessDenied("cloudtrail", "GetTrailStatus", "us-east-1", trail.Arn)],
        };

        Assert.Equal(ResultStatus.Fail, RunSingle(inventory).Status);
    }

    [Fact]
    public void Evaluate_StatusMissingWithoutError_ReturnsError()
    {
        var result = RunSingle(WithTrails(GoodTrail() with { IsLogging = null }));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("logging status was not collected", result.Reason);
    }
}
