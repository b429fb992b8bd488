using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamUserConsoleMfaEnabledTests
{
    private static readonly CredentialReportRow Root = new() { User = CredentialReportRow.RootUserName, Arn = "arn:aws:iam::123456789012:root", PasswordEnabled = true };

    private static CredentialReportRow User(string name, bool password, bool mfa) => new()
    {
        User = name,
        Arn = $"arn:aws:iam::123456789012:user/{name}",
        PasswordEnabled = password,
        MfaActive = mfa,
    };

    private static IReadOnlyList<CheckResult> Run(params CredentialReportRow[] rows) =>
        new IamUserConsoleMfaEnabled().Run(TestInventory.Empty() with { Iam = new IamData { CredentialReport = [Root, .. rows] } });

    [Fact]
    public void Evaluate_ConsoleUserWithMfa_ReturnsPass()
    {
        var result = Assert.Single(Run(User("alice", password: true, mfa: true)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("alice", result.ResourceId);
        Assert.Equal("arn:aws:iam::123456789012:user/alice", result.ResourceArn);
        Assert.Equal(Regions.Global, result.Region);
    }

    [Fact]
    public void Evaluate_ConsoleUserWithoutMfa_ReturnsFail()
    {
        var result = Assert.Single(Run(User("bob", password: true, mfa: false)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("false", result.Evidence["mfaActive"]);
    }

    [Fact]
    public void Evaluate_UserWithoutPassword_IsSkipped()
    {
        var results = Run(User("svc", password: false, mfa: false), User("carol", password: true, mfa: true));

        Assert.Equal(["carol"], results.Select(r => r.ResourceId));
    }

    [Fact]
    public void Evaluate_NoConsoleUsers_ReturnsNotApplicable()
    {
        var result = Assert.Single(Run(User("svc", password: false, mfa: false)));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Fact]
    public void Evaluate_CredentialReportDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("iam", "GetCredentialReport")] };

        var result = Assert.Single(new IamUserConsoleMfaEnabled().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("access denied", result.Reason);
    }

    [Fact]
    public void Evaluate_ReportNotCollected_ReturnsError()
    {
        var result = Assert.Single(new IamUserConsoleMfaEnabled().Run(TestInventory.Empty()));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("credential report was not collected", result.Reason);
    }
}
