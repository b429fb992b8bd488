using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamUserAccessKeysRotatedTests
{
    private static readonly CredentialReportRow Root = new()
    {
        User = CredentialReportRow.RootUserName,
        Arn = "arn:aws:iam::123456789012:root",
    };

    private static CredentialReportRow User(string name) => new()
    {
        User = name,
        Arn = $"arn:aws:iam::123456789012:user/{name}",
    };

    private static DateTimeOffset DaysAgo(int days) => TestInventory.Now.AddDays(-days);

    private static AccountInventory WithReport(params CredentialReportRow[] rows) =>
        TestInventory.Empty() with { Iam = new IamData { CredentialReport = [Root, .. rows] } };

    [Fact]
    public void Evaluate_ActiveKeysRecentlyRotated_ReturnsPass()
    {
        var alice = User("alice") with
        {
            AccessKey1Active = true,
            AccessKey1LastRotated = DaysAgo(10),
            AccessKey2Active = true,
            AccessKey2LastRotated = DaysAgo(90),
        };

        var result = Assert.Single(new IamUserAccessKeysRotated().Run(WithReport(alice)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("alice", result.ResourceId);
        Assert.Equal(alice.Arn, result.ResourceArn);
    }

    [Fact]
    public void Evaluate_ActiveKeyOlderThanLimit_ReturnsFailNamingKeyAndAge()
    {
        var bob = User("bob") with
        {
            AccessKey1Active = true,
            AccessKey1LastRotated = DaysAgo(5),
            AccessKey2Active = true,
            AccessKey2LastRotated = DaysAgo(200),
        };

        var result = Assert.Single(new IamUserAccessKeysRotated().Run(WithReport(bob)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("access key 2 is 200 days old (limit 90)", result.Reason);
    }

    [Fact]
    public void Evaluate_BothKeysStale_ReturnsOneFailNamingBoth()
    {
        var carol = User("carol") with
        {
            AccessKey1Active = true,
            AccessKey1LastRotated = DaysAgo(91),
            AccessKey2Active = true,
            AccessKey2LastRotated = DaysAgo(400),
        };

        var result = Assert.Single(new IamUserAccessKeysRotated().Run(WithReport(carol)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("access key 1 is 91 days old", result.Reason);
        Assert.Contains("access key 2 is 400 days old", result.Reason);
    }

    [Fact]
    public void Evaluate_InactiveOldKey_IsIgnored()
    {
        var dave = User("dave") with
        {
            AccessKey1Active = false,
            AccessKey1LastRotated = DaysAgo(900),
            AccessKey2Active = true,
            AccessKey2LastRotated = DaysAgo(1),
        };

        var result = Assert.Single(new IamUserAccessKeysRotated().Run(WithReport(dave)));

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_ActiveKeyWithUnknownRotationDate_ReturnsFail()
    {
        var erin = User("erin") with { AccessKey1Active = true };

        var result = Assert.Single(new IamUserAccessKeysRotated().Run(WithReport(erin)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("unknown", result.Reason);
    }

    [Fact]
    public void Evaluate_UsersWithoutActiveKeysAreSkipped_OthersStillJudged()
    {
        var results = new IamUserAccessKeysRotated().Run(WithReport(
            User("console-only") with { PasswordEnabled = true },
            User("ci") with { AccessKey1Active = true, AccessKey1LastRotated = DaysAgo(120) }));

        var result = Assert.Single(results);
        Assert.Equal("ci", result.ResourceId);
        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_OnlyRootHasOldKey_RootRowIsSkipped()
    {
        var inventory = TestInventory.Empty() with
        {
            Iam = new IamData { CredentialReport = [Root with { AccessKey1Active = true, AccessKey1LastRotated = DaysAgo(1000) }] },
        };

        var result = Assert.Single(new IamUserAccessKeysRotated().Run(inventory));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Fact]
    public void Evaluate_NoActiveKeys_ReturnsNotApplicableForAccount()
    {
        var result = Assert.Single(new IamUserAccessKeysRotated().Run(WithReport(User("alice"), User("bob"))));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
        Assert.Equal(TestInventory.AccountId, result.ResourceId);
    }

    [Fact]
    public void Evaluate_CustomMaxAge_IsHonoured()
    {
        var inventory = WithReport(User("alice") with { AccessKey1Active = true, AccessKey1LastRotated = DaysAgo(45) });
        var context = new EvaluationContext(inventory, TestInventory.Now) { Settings = new CheckSettings { AccessKeyMaxAgeDays = 30 } };

        var result = Assert.Single(new IamUserAccessKeysRotated().Evaluate(context));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("limit 30", result.Reason);
    }

    [Theory]
    [InlineData("GenerateCredentialReport")]
    [InlineData("GetCredentialReport")]
    public void Evaluate_ReportAccessDenied_ReturnsErrorNotPass(string operation)
    {
        var inventory = WithReport(User("alice") with { AccessKey1Active = true, AccessKey1LastRotated = DaysAgo(1) }) with
        {
            Errors = [TestInventory.AccessDenied("iam", operation)],
        };

        var result = Assert.Single(new IamUserAccessKeysRotated().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains($"iam:{operation}", result.Reason);
    }

    [Fact]
    public void Evaluate_ReportNotCollected_ReturnsError()
    {
        var result = Assert.Single(new IamUserAccessKeysRotated().Run(TestInventory.Empty()));

        Assert.Equal(ResultStatus.Error, result.Status);
    }
}
