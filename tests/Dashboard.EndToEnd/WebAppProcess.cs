using System.Diagnostics;
using Dashboard.Tests.Shared;

namespace Dashboard.EndToEnd;

/// <summary>
/// The built Dashboard.Web.dll (same Configuration as this test assembly) running as a child process on a free
/// loopback port, with its data directory in a new temporary folder and demo mode on. Disposing kills the whole
/// process tree and deletes the folder.
/// </summary>
public sealed class WebAppProcess : IDisposable
{
    private readonly DashboardNode _node;
    private readonly string _dataDirectory;
    private bool _disposed;

    private WebAppProcess(DashboardNode node, string dataDirectory)
    {
        _node = node;
        _dataDirectory = dataDirectory;
    }

    public Uri BaseAddress => _node.BaseAddress;

    /// <summary>What the app has written to stdout and stderr so far (the last few hundred lines).</summary>
    public string Output => _node.Output;

    public static string RepositoryRoot => DashboardNode.RepositoryRoot;

    public static string WebAppDllPath => DashboardNode.WebDll;

    /// <summary>Starts the app and waits until GET /healthz answers "Healthy", the process exits, or the deadline passes.</summary>
    public static async Task<WebAppProcess> StartAsync(TimeSpan readinessTimeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("dashboard-e2e-").FullName;
        var variables = new Dictionary<string, string?> { ["Data__Directory"] = dataDirectory, ["Demo__Enabled"] = "true" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        var app = new WebAppProcess(DashboardNode.StartDashboard("Dashboard.Web", variables), dataDirectory);
        try
        {
            await app._node.WaitUntilHealthyAsync(readinessTimeout);
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>Runs a command of the app's CLI (e.g. users add) against this app's data folder; returns exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunCliAsync(string standardInput, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(DashboardNode.DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(WebAppDllPath)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(WebAppDllPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["Data__Directory"] = _dataDirectory;
        using var process = Process.Start(startInfo)!;
        await process.StandardInput.WriteLineAsync(standardInput);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _node.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }
}
