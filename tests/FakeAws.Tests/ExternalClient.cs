using System.Diagnostics;

namespace FakeAws.Tests;

/// <summary>
/// Runs Debian's independent clients (/usr/bin/aws, /usr/bin/python3 with python3-botocore) against a fake, with a
/// throw-away HOME and only the given credentials. The CI script installs the packages; tests never install anything.
/// </summary>
internal static class ExternalClient
{
    public const string Aws = "/usr/bin/aws";
    public const string Python = "/usr/bin/python3";

    public static void RequireInstalled(string path) =>
        Assert.True(File.Exists(path), $"{path} is missing: install Debian's awscli and python3-botocore (apt-get install -y awscli python3-botocore).");

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> args, string accessKeyId, string secret, string region = "us-east-1")
    {
        RequireInstalled(file);
        var home = Directory.CreateTempSubdirectory("fakeaws-home-");
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToArray())
            {
                start.Environment.Remove(name);
            }

            start.Environment["HOME"] = home.FullName;
            start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
            start.Environment["AWS_SECRET_ACCESS_KEY"] = secret;
            start.Environment["AWS_DEFAULT_REGION"] = region;
            start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            start.Environment["AWS_PAGER"] = "";
            start.Environment["AWS_CONFIG_FILE"] = Path.Combine(home.FullName, "config");
            start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home.FullName, "credentials");

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }
}
