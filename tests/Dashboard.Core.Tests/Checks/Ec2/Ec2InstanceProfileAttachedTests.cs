using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Ec2;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Ec2;

public class Ec2InstanceProfileAttachedTests
{
    private const string ProfileArn = "arn:aws:iam::123456789012:instance-profile/app";

    private static Ec2Instance Instance(string? profile, string state = "running") => new()
    {
        InstanceId = "i-0123456789abcdef0", Region = "eu-west-1", State = state, IamInstanceProfileArn = profile,
    };

    private static IReadOnlyList<CheckResult> Run(Ec2Instance instance, IamData? iam = null, params CollectionError[] errors) =>
        new Ec2InstanceProfileAttached().Run(TestInventory.Empty() with { Ec2 = new Ec2Data { Instances = [instance] }, Iam = iam ?? new IamData(), Errors = errors });

    [Fact]
    public void Evaluate_ProfileWithRole_ReturnsPass()
    {
        var iam = new IamData { InstanceProfiles = [new InstanceProfile("app", ProfileArn, ["app-role"])] };

        var result = Assert.Single(Run(Instance(ProfileArn), iam));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("app-role", result.Evidence["roles"]);
        Assert.Equal("arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0", result.ResourceArn);
    }

    [Fact]
    public void Evaluate_ProfileNamedByRole_ReturnsPass()
    {
        var iam = new IamData { Roles = [new IamRole { RoleName = "app-role", Arn = "arn:aws:iam::123456789012:role/app-role", InstanceProfileNames = ["app"] }] };

        Assert.Equal(ResultStatus.Pass, Assert.Single(Run(Instance(ProfileArn), iam)).Status);
    }

    [Fact]
    public void Evaluate_NoProfile_ReturnsFail()
    {
        var result = Assert.Single(Run(Instance(null)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("no instance profile", result.Reason);
    }

    [Fact]
    public void Evaluate_ProfileWithoutRole_ReturnsFail()
    {
        var result = Assert.Single(Run(Instance(ProfileArn)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("holds no IAM role", result.Reason);
    }

    [Fact]
    public void Evaluate_ProfileAttachedButIamDetailsDenied_ReturnsError()
    {
        var result = Assert.Single(Run(Instance(ProfileArn), null, TestInventory.AccessDenied("iam", "GetAccountAuthorizationDetails")));

        Assert.Equal(ResultStatus.Error, result.Status);
    }

    [Fact]
    public void Evaluate_TerminatedInstance_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run(Instance(null, "terminated"))).Status);
    }

    [Fact]
    public void Evaluate_DescribeInstancesDenied_ReturnsError()
    {
        var results = new Ec2InstanceProfileAttached().Run(TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("ec2", "DescribeInstances", "us-east-1")] });

        Assert.Equal(ResultStatus.Error, Assert.Single(results).Status);
    }
}
