using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamRootNotUsedRecentlyTests
{
    private static readonly CredentialReportRow Root = new() { User = CredentialReportRow.RootUserName, Arn = "arn:aws:iam::123456789012:root" };

    private static DateTimeOffset DaysAgo(int days) => TestInventory.Now.AddDays(-days);

    private static CheckResult RunSingle(CredentialReportRow root, CheckSettings? settings = null) =>
        Assert.Single(new IamRootNotUsedRecently().Evaluate(new EvaluationContext(
            TestInventory.Empty() with { Iam = new IamData { CredentialReport = [root] } }, TestInventory.Now) { Settings = settings ?? new CheckSettings() }));

    [Fact]
    public void Evaluate_RootNeverUsed_ReturnsPass()
    {
        var result = RunSingle(Root);

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("root", result.ResourceId);
        Assert.Equal("never", result.Evidence["passwordLastUsed"]);
    }

    [Fact]
    public void Evaluate_RootUsedLongAgo_ReturnsPass()
    {
        var result = RunSingle(Root with { PasswordLastUsed = DaysAgo(400) });

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Contains("400 days ago", result.Reason);
    }

    [Fact]
    public void Evaluate_RootKeyUsedRecently_ReturnsFailNamingTheCredential()
    {
        var result = RunSingle(Root with { PasswordLastUsed = DaysAgo(300), AccessKey2LastUsedDate = DaysAgo(12) });

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("root access key 2 was used 12 days ago (window 90 days)", result.Reason);
    }

    [Fact]
    public void Evaluate_WindowComesFromSettings()
    {
        var result = RunSingle(Root with { PasswordLastUsed = DaysAgo(40) }, new CheckSettings { RootUsageWindowDays = 30 });

        Assert.Equal(ResultStatus.Pass, result.Status);
    }

    [Fact]
    public void Evaluate_ReportDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("iam", "GetCredentialReport")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamRootNotUsedRecently().Run(inventory)).Status);
    }
}
