using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Dashboard.EndToEnd;

/// <summary>
/// The built Dashboard.Web.dll (same Configuration as this test assembly) running as a child process on a free
/// loopback port, with its data directory in a new temporary folder and demo mode on. Disposing kills the whole
/// process tree and deletes the folder.
/// </summary>
public sealed class WebAppProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _dataDirectory;
    private bool _disposed;

    private WebAppProcess(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        _dataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the app has written to stdout and stderr so far.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string WebAppDllPath
    {
        get
        {
            var configuration = typeof(WebAppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "Configuration").Value!;
            return Path.Combine(RepositoryRoot, "src", "Dashboard.Web", "bin", configuration, "net10.0", "Dashboard.Web.dll");
        }
    }

    public static async Task<WebAppProcess> StartAsync(TimeSpan readinessTimeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = WebAppDllPath;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} does not exist; build the solution (the test project references Dashboard.Web so that it is built).");
        }

        var dataDirectory = Directory.CreateTempSubdirectory("dashboard-e2e-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "DOTNET_URLS", "Urls" })
        {
            startInfo.Environment.Remove(inherited);
        }

        startInfo.Environment["Data__Directory"] = dataDirectory;
        startInfo.Environment["Demo__Enabled"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var app = new WebAppProcess(process, baseAddress, dataDirectory);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await app.WaitUntilHealthyAsync(readinessTimeout);
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
        var startInfo = new ProcessStartInfo(DotnetHost())
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
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }

    /// <summary>Readiness: poll GET /healthz until it answers 200 "Healthy", the process exits, or the deadline passes.</summary>
    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        string lastAnswer = "no answer yet";
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Dashboard.Web exited with code {_process.ExitCode} before /healthz answered.\n--- app output ---\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && body.Trim() == "Healthy")
                {
                    return;
                }

                lastAnswer = $"{(int)response.StatusCode} {body}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lastAnswer = e.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException(
            $"Dashboard.Web did not report healthy at {BaseAddress}healthz within {timeout.TotalSeconds:0} s (last answer: {lastAnswer}).\n--- app output ---\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The dotnet host running the tests (the CLI sets DOTNET_HOST_PATH), else dotnet from PATH.</summary>
    private static string DotnetHost()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : "dotnet";
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Dashboard.sln above {AppContext.BaseDirectory}");
    }
}
