using Dashboard.Web.Data;
using Dashboard.Web.Features.Scans;
using Dashboard.Web.Scanning;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Scanning;

[Collection(ScanTestsCollection.Name)]
public class AccountValidationTests : IClassFixture<DashboardAppFactory>
{
    private readonly AccountCommands _commands;

    public AccountValidationTests(DashboardAppFactory factory) => _commands = factory.Services.GetRequiredService<AccountCommands>();

    private static AccountForm Valid() => new() { AwsAccountId = "123456789012", Name = "Prod" };

    [Theory]
    [InlineData("12345678901")]
    [InlineData("1234567890123")]
    [InlineData("12345678901a")]
    public void AccountId_MustBeTwelveDigits(string id)
    {
        var form = Valid();
        form.AwsAccountId = id;
        Assert.Contains("12 digits", _commands.Validate(form)[nameof(AccountForm.AwsAccountId)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/bob")]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:s3:::bucket")]
    public void AssumeRole_NeedsARoleArn(string arn)
    {
        var form = Valid();
        form.AccessMethod = AccountAccessMethod.AssumeRole;
        form.RoleArn = arn;
        Assert.Contains("role ARN", _commands.Validate(form)[nameof(AccountForm.RoleArn)], StringComparison.Ordinal);
    }

    [Fact]
    public void AssumeRole_InAnotherAccount_IsRefused()
    {
        var form = Valid();
        form.AccessMethod = AccountAccessMethod.AssumeRole;
        form.RoleArn = "arn:aws:iam::999999999999:role/scanner";
        Assert.Contains("belongs to account 999999999999", _commands.Validate(form)[nameof(AccountForm.RoleArn)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 2 * *", "5 fields")]
    [InlineData("61 2 * * *", "minute")]
    [InlineData("0 25 * * *", "hour")]
    [InlineData("0 2 * * MONX", "day of week")]
    public void Schedule_InvalidCron_SaysWhy(string cron, string expected)
    {
        var form = Valid();
        form.Schedule = cron;
        Assert.Contains(expected, _commands.Validate(form)[nameof(AccountForm.Schedule)], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 2 * * *")]
    [InlineData("*/15 * * * *")]
    [InlineData("0 3 * * MON-FRI")]
    [InlineData("0 0 1 JAN,JUL *")]
    public void Schedule_ValidCron_Passes(string cron)
    {
        var form = Valid();
        form.Schedule = cron;
        form.ScheduleTimeZone = "Europe/Berlin";
        Assert.Empty(_commands.Validate(form));
    }

    [Fact]
    public void UnknownTimeZone_IsRefused()
    {
        var form = Valid();
        form.Schedule = "0 2 * * *";
        form.ScheduleTimeZone = "Mars/Olympus";
        Assert.True(_commands.Validate(form).ContainsKey(nameof(AccountForm.ScheduleTimeZone)));
    }

    [Fact]
    public void UnknownTimeZone_IsRefused_EvenBeforeAScheduleIsSet()
    {
        var form = Valid();
        form.ScheduleTimeZone = "Europe/Atlantis";
        Assert.Contains("Unknown time zone \"Europe/Atlantis\"", _commands.Validate(form)[nameof(AccountForm.ScheduleTimeZone)], StringComparison.Ordinal);
        form.ScheduleTimeZone = "Europe/Berlin";
        Assert.Empty(_commands.Validate(form));
    }

    [Fact]
    public void ExternalIds_AreUniqueAndAcceptedByTheRoleTemplatePattern()
    {
        var a = AccountCommands.NewExternalId();
        Assert.NotEqual(a, AccountCommands.NewExternalId());
        Assert.Matches("^[A-Za-z0-9+=,.@:/-]{2,1224}$", a);
        Assert.Equal(AccountScope.Split("eu-west-1, us-east-1 ,eu-west-1"), ["eu-west-1", "us-east-1"]);
    }
}
