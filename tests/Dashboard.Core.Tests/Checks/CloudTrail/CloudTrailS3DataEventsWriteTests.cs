using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudTrail;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.CloudTrail;

public class CloudTrailS3DataEventsWriteTests
{
    private static AdvancedFieldSelector Field(string field, params string[] values) => new(field, values, [], [], []);

    private static Trail DataTrail(params EventSelector[] selectors) => new()
    {
        Name = "data",
        Arn = "arn:aws:cloudtrail:us-east-1:123456789012:trail/data",
        HomeRegion = "us-east-1",
        IsMultiRegionTrail = true,
        IsLogging = true,
        EventSelectors = selectors,
    };

    private static Trail AdvancedTrail(params AdvancedFieldSelector[] fields) =>
        DataTrail() with { AdvancedEventSelectors = [new AdvancedEventSelector("s3", fields)] };

    private static EventSelector S3Objects(string readWrite, params string[] values) =>
        new(readWrite, true, [new DataResource("AWS::S3::Object", values)], []);

    private static CheckResult RunSingle(Trail trail) =>
        Assert.Single(new CloudTrailS3DataEventsWrite().Run(TestInventory.Empty() with { CloudTrail = new CloudTrailData { Trails = [trail] } }));

    [Theory]
    [InlineData("All", "arn:aws:s3")]
    [InlineData("WriteOnly", "arn:aws:s3:::")]
    public void Evaluate_BasicSelectorOnAllBuckets_ReturnsPass(string readWrite, string value)
    {
        var result = RunSingle(DataTrail(S3Objects(readWrite, value)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Contains("object-level write events", result.Reason);
    }

    [Fact]
    public void Evaluate_BasicSelectorOtherSideOnly_ReturnsFail()
    {
        var result = RunSingle(DataTrail(S3Objects("ReadOnly", "arn:aws:s3")));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("does not log S3 object-level write events for all buckets", result.Reason);
    }

    [Fact]
    public void Evaluate_BasicSelectorOnOneBucket_ReturnsFail()
    {
        Assert.Equal(ResultStatus.Fail, RunSingle(DataTrail(S3Objects("All", "arn:aws:s3:::kelpline-invoices/"))).Status);
    }

    [Fact]
    public void Evaluate_AdvancedSelectorWithoutReadOnly_ReturnsPass()
    {
        Assert.Equal(ResultStatus.Pass, RunSingle(AdvancedTrail(Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"))).Status);
    }

    [Fact]
    public void Evaluate_AdvancedSelectorOnThisSide_ReturnsPass()
    {
        var trail = AdvancedTrail(Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"), Field("readOnly", "false"));

        Assert.Equal(ResultStatus.Pass, RunSingle(trail).Status);
    }

    [Fact]
    public void Evaluate_AdvancedSelectorOnOtherSide_ReturnsFail()
    {
        var trail = AdvancedTrail(Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"), Field("readOnly", "true"));

        Assert.Equal(ResultStatus.Fail, RunSingle(trail).Status);
    }

    [Fact]
    public void Evaluate_AdvancedSelectorNarrowedToBucketPrefix_ReturnsFail()
    {
        var trail = AdvancedTrail(Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"),
            new AdvancedFieldSelector("resources.ARN", [], [], ["arn:aws:s3:::kelpline-prod-edi-inbound/"], []));

        Assert.Equal(ResultStatus.Fail, RunSingle(trail).Status);
    }

    [Fact]
    public void Evaluate_AdvancedSelectorWithWholePartitionPrefix_ReturnsPass()
    {
        var trail = AdvancedTrail(Field("eventCategory", "Data"), Field("resources.type", "AWS::S3::Object"),
            new AdvancedFieldSelector("resources.ARN", [], [], ["arn:aws:s3:::"], []));

        Assert.Equal(ResultStatus.Pass, RunSingle(trail).Status);
    }

    [Fact]
    public void Evaluate_SingleRegionTrail_ReturnsFail()
    {
        var result = RunSingle(DataTrail(S3Objects("All", "arn:aws:s3")) with { IsMultiRegionTrail = false });

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("applies to its home Region only", result.Reason);
    }

    [Fact]
    public void Evaluate_SelectorsDenied_ReturnsError()
    {
        var trail = DataTrail();
        var inventory = TestInventory.Empty() with
        {
            CloudTrail = new CloudTrailData { Trails = [trail] },
            Errors = [TestInventory.AccessDenied("cloudtrail", "GetEventSelectors", "us-east-1", trail.Arn)],
        };

        var result = Assert.Single(new CloudTrailS3DataEventsWrite().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("cloudtrail:GetEventSelectors", result.Reason);
    }
}
