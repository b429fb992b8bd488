using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamUserUnusedCredentialsDisabledTests
{
    private static readonly CredentialReportRow Root = new() { User = CredentialReportRow.RootUserName, Arn = "arn:aws:iam::123456789012:root" };

    private static DateTimeOffset DaysAgo(int days) => TestInventory.Now.AddDays(-days);

    private static CredentialReportRow User(string name) => new()
    {
        User = name,
        Arn = $"arn:aws:iam::123456789012:user/{name}",
        UserCreationTime = DaysAgo(400),
    };

    private static IReadOnlyList<CheckResult> Run(params CredentialReportRow[] rows) => Run(new CheckSettings(), rows);

    private static IReadOnlyList<CheckResult> Run(CheckSettings settings, params CredentialReportRow[] rows) =>
        new IamUserUnusedCredentialsDisabled().Evaluate(new EvaluationContext(
            TestInventory.Empty() with { Iam = new IamData { CredentialReport = [Root, .. rows] } }, TestInventory.Now) { Settings = settings }).ToList();

    [Fact]
    public void Evaluate_PasswordAndKeyUsedRecently_ReturnsPass()
    {
        var user = User("alice") with
        {
            PasswordEnabled = true, PasswordLastUsed = DaysAgo(3), PasswordLastChanged = DaysAgo(200),
            AccessKey1Active = true, AccessKey1LastRotated = DaysAgo(300), AccessKey1LastUsedDate = DaysAgo(44),
        };

        var result = Assert.Single(Run(user));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("alice", result.ResourceId);
    }

    [Fact]
    public void Evaluate_PasswordUnusedForLong_ReturnsFailWithAge()
    {
        var user = User("bob") with { PasswordEnabled = true, PasswordLastUsed = DaysAgo(120), PasswordLastChanged = DaysAgo(300) };

        var result = Assert.Single(Run(user));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("password last used 120 days ago (limit 45)", result.Reason);
    }

    [Fact]
    public void Evaluate_KeyNeverUsed_IsJudgedByItsCreation()
    {
        var fresh = User("new-ci") with { AccessKey1Active = true, AccessKey1LastRotated = DaysAgo(10) };
        var old = User("old-ci") with { AccessKey2Active = true, AccessKey2LastRotated = DaysAgo(90) };

        var results = Run(fresh, old);

        Assert.Equal(ResultStatus.Pass, Assert.Single(results, r => r.ResourceId == "new-ci").Status);
        var failed = Assert.Single(results, r => r.ResourceId == "old-ci");
        Assert.Equal(ResultStatus.Fail, failed.Status);
        Assert.Contains("access key 2 was never used since it was set 90 days ago", failed.Reason);
    }

    [Fact]
    public void Evaluate_ThresholdComesFromSettings()
    {
        var user = User("carol") with { PasswordEnabled = true, PasswordLastUsed = DaysAgo(60) };

        var result = Assert.Single(Run(new CheckSettings { UnusedCredentialDays = 90 }, user));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("90", result.Evidence["unusedLimitDays"]);
    }

    [Fact]
    public void Evaluate_NoEnabledCredentials_ReturnsNotApplicable()
    {
        var user = User("dave") with { AccessKey1Active = false, AccessKey1LastRotated = DaysAgo(500) };

        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(Run(user)).Status);
    }

    [Fact]
    public void Evaluate_ReportDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("iam", "GetCredentialReport")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamUserUnusedCredentialsDisabled().Run(inventory)).Status);
    }
}
