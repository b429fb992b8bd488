using System.Diagnostics;
using Amazon.SecurityToken.Model;

namespace FakeAws.Tests;

/// <summary>The fake as its own process, the way the CLI, end-to-end tests and benchmarks start it.</summary>
public sealed class StandaloneTests
{
    [Fact]
    public async Task Standalone_PrintsItsEndpoint_AndServesTheScenarioFile()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "FakeAws.dll");
        var scenarioPath = Path.Combine(AppContext.BaseDirectory, "Scenarios", "demo.json");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--scenario", scenarioPath, "--port", "0", "--latency-ms", "1" })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        try
        {
            var endpoint = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.StartsWith("http://127.0.0.1:", endpoint, StringComparison.Ordinal);

            var account = Scenario.Load(scenarioPath).Accounts[0];
            using var sts = new Amazon.SecurityToken.AmazonSecurityTokenServiceClient(
                DemoServerFixture.Credentials(account),
                new Amazon.SecurityToken.AmazonSecurityTokenServiceConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
            var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
            Assert.Equal(account.AccountId, identity.Account);

            // SIGTERM (what CI and docker send) stops it cleanly.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }
}
