using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Iam;

public class IamUserNoAccessKeyAtSetupTests
{
    private static readonly CredentialReportRow Root = new() { User = CredentialReportRow.RootUserName, Arn = "arn:aws:iam::123456789012:root" };

    private static CredentialReportRow ConsoleUser(string name) => new()
    {
        User = name,
        Arn = $"arn:aws:iam::123456789012:user/{name}",
        UserCreationTime = TestInventory.Now.AddDays(-100),
        PasswordEnabled = true,
    };

    private static IReadOnlyList<CheckResult> Run(params CredentialReportRow[] rows) =>
        new IamUserNoAccessKeyAtSetup().Run(TestInventory.Empty() with { Iam = new IamData { CredentialReport = [Root, .. rows] } });

    [Fact]
    public void Evaluate_ConsoleUserWithUsedKey_ReturnsPass()
    {
        var user = ConsoleUser("alice") with
        {
            AccessKey1Active = true,
            AccessKey1LastRotated = TestInventory.Now.AddDays(-50),
            AccessKey1LastUsedDate = TestInventory.Now.AddDays(-1),
        };

        var result = Assert.Single(Run(user));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("false", result.Evidence["accessKey1CreatedAtSetup"]);
    }

    [Fact]
    public void Evaluate_ConsoleUserWithoutKeys_ReturnsPass()
    {
        var result = Assert.Single(Run(ConsoleUser("bob")));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("console user has no active access key", result.Reason);
    }

    [Fact]
    public void Evaluate_KeyCreatedWithUserAndNeverUsed_ReturnsFailNamingKey()
    {
        var user = ConsoleUser("carol") with
        {
            AccessKey2Active = true,
            AccessKey2LastRotated = TestInventory.Now.AddDays(-100).AddMinutes(1),
        };

        var result = Assert.Single(Run(user));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("key 2", result.Reason);
        Assert.Equal("true", result.Evidence["accessKey2CreatedAtSetup"]);
    }

    [Fact]
    public void Evaluate_ServiceUserWithoutPassword_IsNotEvaluated()
    {
        var service = new CredentialReportRow { User = "svc", Arn = "arn:aws:iam::123456789012:user/svc", AccessKey1Active = true };

        var result = Assert.Single(Run(service));

        Assert.Equal(ResultStatus.NotApplicable, result.Status);
    }

    [Fact]
    public void Evaluate_ReportDenied_ReturnsError()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("iam", "GetCredentialReport")] };

        Assert.Equal(ResultStatus.Error, Assert.Single(new IamUserNoAccessKeyAtSetup().Run(inventory)).Status);
    }
}
