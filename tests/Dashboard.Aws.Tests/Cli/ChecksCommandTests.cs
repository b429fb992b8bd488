using System.Text.Json;
using Dashboard.Cli;
using Dashboard.Core.Checks;

namespace Dashboard.Aws.Tests.Cli;

public class ChecksCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Json_DescribesEveryCheckWithRequirementsAndRemediation()
    {
        var (exit, output, error) = await RunAsync("checks", "--format", "json");

        Assert.Equal(0, exit);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        var checks = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(CheckCatalog.Default.All.Select(c => c.Id), checks.Select(c => c.GetProperty("id").GetString()));
        foreach (var check in checks)
        {
            var metadata = CheckCatalog.Default.Find(check.GetProperty("id").GetString()!)!.Metadata;
            Assert.Equal(metadata.Title, check.GetProperty("title").GetString());
            Assert.Equal(metadata.Severity.ToString(), check.GetProperty("severity").GetString());
            Assert.Equal(metadata.Service, check.GetProperty("service").GetString());
            Assert.Equal(metadata.ManualReview, check.GetProperty("manualReview").GetBoolean());
            var remediation = check.GetProperty("remediation");
            Assert.Equal(metadata.Remediation.Steps, remediation.GetProperty("steps").GetString());
            Assert.Equal(metadata.Remediation.Cli, remediation.GetProperty("cli").GetString());
            Assert.Equal(metadata.Remediation.Terraform, remediation.GetProperty("terraform").GetString());
            Assert.Equal(JsonValueKind.String, remediation.GetProperty("cloudFormation").ValueKind);
            Assert.All(check.GetProperty("requirements").EnumerateArray(), r => Assert.Matches("^[a-z0-9.-]+:[A-Z0-9.]+$", r.GetString()));
        }
    }

    [Theory]
    [InlineData("iam_root_mfa_enabled", "cis-aws-3.0.0:1.5", "cis-aws-5.0.0:1.4", "cis-aws-7.0.0:2.5")]
    [InlineData("s3_bucket_default_encryption", "aws-security-checklist:X3")]
    [InlineData("ec2_instance_imdsv2_required", "cis-aws-5.0.0:5.7", "cis-aws-6.0.0:6.7", "aws-security-checklist:X12")]
    public async Task Json_ListsTheFrameworkRequirementsOfACheck(string checkId, params string[] expected)
    {
        var (_, output, _) = await RunAsync("checks", "--format=json");

        using var json = JsonDocument.Parse(output);
        var check = json.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == checkId);
        var requirements = check.GetProperty("requirements").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.All(expected, e => Assert.Contains(e, requirements));
    }

    [Fact]
    public async Task Json_KeepsShellSnippetsReadable()
    {
        var (_, output, _) = await RunAsync("checks", "--format", "json");

        Assert.Contains("<bucket>", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003C", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_IsTheDefaultAndHasALinePerCheck()
    {
        var (exit, output, _) = await RunAsync("checks");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Contains("SEVERITY", lines[0], StringComparison.Ordinal);
        Assert.All(CheckCatalog.Default.All, c => Assert.Single(lines, l => l.StartsWith(c.Id + " ", StringComparison.Ordinal)));
        Assert.Equal($"{CheckCatalog.Default.All.Count} checks", string.Join(' ', lines[^1].Split(' ').Take(2)).TrimEnd(';'));
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--verbose")]
    public async Task BadArguments_ExitWith2AndSayWhy(params string[] args)
    {
        var (exit, output, error) = await RunAsync(["checks", .. args]);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("checks: unknown", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheChecksCommand()
    {
        var (exit, output, _) = await RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("checks", output, StringComparison.Ordinal);
    }
}
