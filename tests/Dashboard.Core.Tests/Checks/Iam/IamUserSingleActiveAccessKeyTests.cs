using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamUserSingleActiveAccessKeyTests
{
    private static readonly CredentialReportRow Root = new() { User = CredentialReportRow.RootUserName, Arn = "arn:aws:iam::123456789012:root" };

    private static CredentialReportRow User(string name, bool key1, bool key2) => new()
    {
        User = name,
        Arn = $"arn:aws:iam::123456789012:user/{name}",
        AccessKey1Active = key1,
        AccessKey2Active = key2,
    };

    private static IReadOnlyList<CheckResult> Run(params CredentialReportRow[] rows) =>
        new IamUserSingleActiveAccessKey().Run(TestInventory.Empty() with { Iam = new IamData { CredentialReport = [Root, .. rows] } });

    [Fact]
    public void Evaluate_OneActiveKey_ReturnsPass()
    {
        var result = Assert.Single(Run(User("ci", key1: false, key2: true)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("ci", result.ResourceId);
    }

    [Fact]
    public void Evaluate_TwoActiveKeys_ReturnsFail()
    {
        var result = Assert.Single(Run(User("ci", key1: true, key2: true)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("user has two active access keys", result.Reason);
    }

    [Fact]
    public void Evaluate_NoActiveKeys_ReturnsNotApplicable()
    {
        var result = Assert.Single(Run(User("alice", key1: false, key2: false)));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Fact]
    public void Evaluate_ReportGenerationDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with
        {
            Iam = new IamData { CredentialReport = [Root, User("ci", true, true)] },
            Errors = [TestInventory.AccessDenied("iam", "GenerateCredentialReport")],
        };

        var result = Assert.Single(new IamUserSingleActiveAccessKey().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
    }
}
