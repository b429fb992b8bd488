using System.Text.Json;
using Dashboard.Aws.Tests.Support;
using Dashboard.Cli;
using Dashboard.Core.Checks;
using FakeAws;

namespace Dashboard.Aws.Tests.Cli;

[Collection(EnvironmentCollection.Name)]
public sealed class CliTests
{
    [Fact]
    public async Task Scan_AgainstTheFakeWithAwsEndpointUrl_WritesInventoryAndTheExpectedResults()
    {
        var scenario = FakeAccount.Demo();
        var account = scenario.Accounts[0];
        await using var server = await FakeAwsServer.StartAsync(scenario);
        var output = Path.Combine(Path.GetTempPath(), $"scan-{Guid.NewGuid():N}.json");
        using var env = new EnvironmentScope(
            ("AWS_ENDPOINT_URL", server.Endpoint.ToString().TrimEnd('/')),
            ("AWS_ACCESS_KEY_ID", account.AccessKeyId),
            ("AWS_SECRET_ACCESS_KEY", account.SecretAccessKey),
            ("AWS_REGION", "us-east-1"),
            ("AWS_EC2_METADATA_DISABLED", "true"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["scan", "--output", output], stdout, stderr, CancellationToken.None);

        Assert.True(exit == 0, stderr.ToString());
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        Assert.Equal(account.AccountId, report.RootElement.GetProperty("inventory").GetProperty("accountId").GetString());
        var actual = report.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => $"{r.GetProperty("checkId").GetString()}|{r.GetProperty("status").GetString()}|{r.GetProperty("resource").GetString()}|{r.GetProperty("region").GetString()}")
            .Order(StringComparer.Ordinal).ToList();
        var collectedAt = report.RootElement.GetProperty("inventory").GetProperty("collectedAt").GetDateTimeOffset();
        var expected = CheckCatalog.Default.EvaluateAll(new EvaluationContext(account.Inventory, collectedAt))
            .Select(r => $"{r.CheckId}|{r.Status}|{r.ResourceId}|{r.Region}")
            .Order(StringComparer.Ordinal).ToList();
        // Checks whose data comes from an operation the fake does not serve yet are Error (correctly); leave them out.
        var served = FakeAwsServer.ServedOperations.Select(o => o.Operation).ToHashSet(StringComparer.Ordinal);
        var unserved = report.RootElement.GetProperty("inventory").GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("operation").GetString()!).Where(o => !served.Contains(o)).ToHashSet(StringComparer.Ordinal);
        var errored = actual.Where(r => r.Split('|')[1] == "Error").Select(r => r.Split('|')[0]).ToHashSet(StringComparer.Ordinal);
        if (unserved.Count > 0)
        {
            actual = actual.Where(r => !errored.Contains(r.Split('|')[0])).ToList();
            expected = expected.Where(r => !errored.Contains(r.Split('|')[0])).ToList();
        }

        Assert.NotEmpty(actual);
        var errors = report.RootElement.GetProperty("inventory").GetProperty("errors").GetRawText();
        Assert.True(expected.SequenceEqual(actual), $"errors: {errors}\nonly expected: {string.Join(", ", expected.Except(actual))}\nonly actual: {string.Join(", ", actual.Except(expected))}");
        Assert.Contains(account.AccountId, stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_WithoutCredentials_ExitsNonZeroWithAClearMessage()
    {
        using var env = new EnvironmentScope(
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
            ("AWS_REGION", "us-east-1"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
            ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(Path.GetTempPath(), "missing-credentials-" + Guid.NewGuid())),
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", null),
            ("AWS_WEB_IDENTITY_TOKEN_FILE", null));
        var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["scan"], new StringWriter(), stderr, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.StartsWith("scan failed:", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json", "\"Version\": \"2012-10-17\"")]
    [InlineData("cloudformation", "AWS::IAM::Role")]
    [InlineData("terraform", "resource \"aws_iam_role\" \"scanner\"")]
    public async Task Policy_PrintsEachFormat(string format, string marker)
    {
        var stdout = new StringWriter();

        var exit = await CliApp.RunAsync(["policy", "--format", format], stdout, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains(marker, stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_UnknownFormat_IsAUsageError() =>
        Assert.Equal(2, await CliApp.RunAsync(["policy", "--format", "yaml"], new StringWriter(), new StringWriter(), CancellationToken.None));

    [Fact]
    public async Task ScanSettings_FileWithTheWebKeys_ReplacesOnlyWhatItNames()
    {
        var path = Path.Combine(Path.GetTempPath(), $"check-settings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, "{ // our tagging standard\n \"requiredTags\": [\"Owner\"], \"UnusedCredentialDays\": 30 }");
        try
        {
            var settings = await Dashboard.Cli.Commands.ScanCommand.ReadSettingsAsync(path, new StringWriter(), CancellationToken.None);

            Assert.NotNull(settings);
            Assert.Equal(["Owner"], settings.RequiredTags);
            Assert.Equal(30, settings.UnusedCredentialDays);
            Assert.Equal(new CheckSettings().AdminPorts, settings.AdminPorts);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{ \"RequiredTag\": [\"Owner\"] }", "RequiredTag")]
    [InlineData("{ \"AdminPorts\": [] }", "AdminPorts")]
    [InlineData("not json", "--settings")]
    public async Task Scan_BadSettingsFile_IsAUsageErrorNamingTheProblem(string content, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"check-settings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, content);
        try
        {
            var stderr = new StringWriter();

            var exit = await CliApp.RunAsync(["scan", "--settings", path], new StringWriter(), stderr, CancellationToken.None);

            Assert.Equal(2, exit);
            Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
