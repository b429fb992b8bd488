using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Tagging;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Tagging;

public class ResourceRequiredTagsTests
{
    private static readonly Dictionary<string, string> Complete = new() { ["Environment"] = "prod", ["Project"] = "shipping", ["ManagedBy"] = "terraform" };

    private static IReadOnlyList<CheckResult> Run(AccountInventory inventory, CheckSettings? settings = null) =>
        new ResourceRequiredTags().Evaluate(new EvaluationContext(inventory, TestInventory.Now) { Settings = settings ?? new CheckSettings() }).ToList();

    private static AccountInventory WithBucket(IReadOnlyDictionary<string, string> tags) =>
        TestInventory.Empty() with { S3 = new S3Data { Buckets = [new S3Bucket { Name = "kelpline-data", Region = "eu-west-1", Tags = tags }] } };

    [Fact]
    public void Evaluate_AllRequiredTags_ReturnsPass()
    {
        var result = Assert.Single(Run(WithBucket(Complete)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("AWS::S3::Bucket", result.Evidence["resourceType"]);
        Assert.Equal("arn:aws:s3:::kelpline-data", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_MissingAndEmptyTags_ReturnsFailNamingThem()
    {
        var result = Assert.Single(Run(WithBucket(new Dictionary<string, string> { ["Environment"] = "prod", ["Project"] = " " })));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("missing or empty tags: Project, ManagedBy", result.Reason);
    }

    [Fact]
    public void Evaluate_KeyCase_IsExactByDefaultAndOptionallyIgnored()
    {
        var tags = new Dictionary<string, string> { ["environment"] = "prod", ["project"] = "x", ["managedby"] = "terraform" };

        Assert.Equal(ResultStatus.Fail, Assert.Single(Run(WithBucket(tags))).Status);
        Assert.Equal(ResultStatus.Pass, Assert.Single(Run(WithBucket(tags), new CheckSettings { RequiredTagsIgnoreCase = true })).Status);
    }

    [Fact]
    public void Evaluate_CustomRequiredTags_AreHonoured()
    {
        var result = Assert.Single(Run(WithBucket(Complete), new CheckSettings { RequiredTags = ["CostCenter"] }));

        Assert.Equal("missing or empty tag: CostCenter", result.Reason);
    }

    [Fact]
    public void Evaluate_AwsCreatedDefaults_AreLeftOut()
    {
        var inventory = TestInventory.Empty() with
        {
            Ec2 = new Ec2Data
            {
                Vpcs = [new Inventory.Vpc { VpcId = "vpc-default", Region = "eu-west-1", IsDefault = true }],
                SecurityGroups = [new SecurityGroup { GroupId = "sg-0ffffffffffffffff", GroupName = "default", Region = "eu-west-1" }],
            },
            Iam = new IamData { Roles = [new IamRole { RoleName = "AWSServiceRoleForSupport", Arn = "arn:aws:iam::123456789012:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", Path = "/aws-service-role/support.amazonaws.com/" }] },
        };

        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run(inventory)).Status);
    }

    [Fact]
    public void Evaluate_ResourcesOfEveryService_AreJudged()
    {
        var inventory = TestInventory.Empty() with
        {
            Ec2 = new Ec2Data { Instances = [new Ec2Instance { InstanceId = "i-1", Region = "eu-west-1", State = "running", Tags = Complete }] },
            Rds = new RdsData { Instances = [new RdsInstance { DbInstanceIdentifier = "db1", Arn = "arn:aws:rds:eu-west-1:123456789012:db:db1", Region = "eu-west-1" }] },
            Lambda = new LambdaData { Functions = [new LambdaFunction { FunctionName = "f", FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:f", Region = "eu-west-1", Role = "arn:aws:iam::123456789012:role/f" }] },
            Iam = new IamData { Users = [new IamUser { UserName = "kari", Arn = "arn:aws:iam::123456789012:user/kari", Tags = Complete }] },
        };

        var results = Run(inventory);

        Assert.Equal(["AWS::EC2::Instance", "AWS::IAM::User", "AWS::Lambda::Function", "AWS::RDS::DBInstance"], results.Select(r => r.Evidence["resourceType"]).Order(StringComparer.Ordinal));
        Assert.Equal(ResultStatus.Pass, results.Single(r => r.ResourceId == "kari").Status);
        Assert.Equal(Regions.Global, results.Single(r => r.ResourceId == "kari").Region);
        Assert.Equal(ResultStatus.Fail, results.Single(r => r.ResourceId == "db1").Status);
    }

    [Fact]
    public void Evaluate_BucketTaggingDenied_ReturnsErrorForThatBucket()
    {
        var inventory = WithBucket(new Dictionary<string, string>()) with { Errors = [TestInventory.AccessDenied("s3", "GetBucketTagging", "eu-west-1", "kelpline-data")] };

        var result = Assert.Single(Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("kelpline-data", result.ResourceId);
    }

    [Fact]
    public void Evaluate_ListCallDenied_ReturnsErrorForThatKindAndRegion()
    {
        var inventory = WithBucket(Complete) with { Errors = [TestInventory.AccessDenied("rds", "DescribeDBInstances", "us-east-1")] };

        var results = Run(inventory);

        var error = Assert.Single(results, r => r.Status == ResultStatus.Error);
        Assert.Equal("db-instances", error.ResourceId);
        Assert.Equal("us-east-1", error.Region);
        Assert.Contains(results, r => r.Status == ResultStatus.Pass);
    }
}
