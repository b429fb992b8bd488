using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamUserNoLongLivedAccessKeysTests
{
    private static readonly CredentialReportRow Root = new() { User = CredentialReportRow.RootUserName, Arn = "arn:aws:iam::123456789012:root" };

    private static CredentialReportRow Row(string name, bool key) => new()
    {
        User = name,
        Arn = $"arn:aws:iam::123456789012:user/{name}",
        AccessKey1Active = key,
        AccessKey1LastRotated = TestInventory.Now.AddDays(-10),
    };

    private static IamUser User(string name, params (string Key, string Value)[] tags) => new()
    {
        UserName = name,
        Arn = $"arn:aws:iam::123456789012:user/{name}",
        Tags = tags.ToDictionary(t => t.Key, t => t.Value),
    };

    private static IReadOnlyList<CheckResult> Run(IamUser[] users, params CredentialReportRow[] rows) =>
        new IamUserNoLongLivedAccessKeys().Run(TestInventory.Empty() with { Iam = new IamData { Users = users, CredentialReport = [Root, .. rows] } });

    [Fact]
    public void Evaluate_UserWithoutKey_ReturnsPass()
    {
        var result = Assert.Single(Run([User("alice")], Row("alice", key: false)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("0", result.Evidence["activeAccessKeys"]);
    }

    [Fact]
    public void Evaluate_UserWithActiveKey_ReturnsFail()
    {
        var result = Assert.Single(Run([User("ci")], Row("ci", key: true)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("ci", result.ResourceId);
        Assert.Equal("user has an active long-lived access key", result.Reason);
    }

    [Fact]
    public void Evaluate_ExceptionTag_ReturnsPassNamingTheException()
    {
        var result = Assert.Single(Run([User("edi", ("ExceptionTicket", "SEC-1187"))], Row("edi", key: true)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("ExceptionTicket=SEC-1187", result.Evidence["exceptionTag"]);
    }

    [Fact]
    public void Evaluate_ExceptionTagSetToFalse_DoesNotExempt()
    {
        var result = Assert.Single(Run([User("edi", ("BreakGlass", "false"))], Row("edi", key: true)));

        Assert.Equal(ResultStatus.Fail, result.Status);
    }

    [Fact]
    public void Evaluate_NoUsers_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run([])).Status);
    }

    [Fact]
    public void Evaluate_AuthorizationDetailsDenied_ReturnsErrorBecauseExceptionsCannotBeRead()
    {
        var inventory = TestInventory.Empty() with
        {
            Iam = new IamData { CredentialReport = [Root, Row("ci", key: true)] },
            Errors = [TestInventory.AccessDenied("iam", "GetAccountAuthorizationDetails")],
        };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamUserNoLongLivedAccessKeys().Run(inventory)).Status);
    }
}
