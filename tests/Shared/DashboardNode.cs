using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Shared;

/// <summary>
/// A built program of this repository (the dashboard, or the standalone fake AWS) running as a child process on a free
/// loopback port. <see cref="Kill"/> is SIGKILL: no shutdown hooks run, as when a machine or container dies.
/// </summary>
public sealed class DashboardNode : IDisposable
{
    private const int OutputLines = 400;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private DashboardNode(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>The repository checkout this code runs from (the folder holding Dashboard.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// The built <paramref name="assembly"/> of the project in <paramref name="projectFolder"/>, in the same
    /// configuration (Debug/Release) as the calling test or benchmark.
    /// </summary>
    public static string BuiltDll(string projectFolder, string assembly)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot, projectFolder, "bin", configuration, "net10.0", assembly);
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} does not exist: build the solution in {configuration} first.");
    }

    /// <summary>The dashboard's Dashboard.Web.dll.</summary>
    public static string WebDll => BuiltDll(Path.Combine("src", "Dashboard.Web"), "Dashboard.Web.dll");

    /// <summary>
    /// Starts the dashboard (Dashboard.Web.dll) listening on a free loopback port; <paramref name="environment"/> adds
    /// variables (a null value removes an inherited one). Does not wait: see <see cref="WaitUntilHealthyAsync"/>.
    /// </summary>
    public static DashboardNode StartDashboard(string name, IReadOnlyDictionary<string, string?> environment)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        return Start(name, WebDll, environment, baseAddress, "--urls", baseAddress.ToString().TrimEnd('/'));
    }

    /// <summary>Starts the standalone fake AWS (FakeAws.dll) on a free loopback port; <see cref="WaitForOutputAsync"/> its endpoint line.</summary>
    public static DashboardNode StartFakeAws(string scenarioFile, int latencyMs)
    {
        var port = FreeLoopbackPort();
        var dll = BuiltDll(Path.Combine("tests", "FakeAws"), "FakeAws.dll");
        return Start("fake AWS", dll, new Dictionary<string, string?>(), new Uri($"http://127.0.0.1:{port}"),
            "--scenario", scenarioFile, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--latency-ms", latencyMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static DashboardNode Start(string name, string dll, IReadOnlyDictionary<string, string?> environment, Uri baseAddress, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var inherited in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "Urls", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "AWS_PROFILE" })
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start };
        var node = new DashboardNode(name, process, baseAddress);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Polls GET /healthz until it answers 200 "Healthy"; throws with the node's output if it exits or the deadline passes.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var lastAnswer = "no answer yet";
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before /healthz answered.\n--- {Name} output ---\n{Output}");
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

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException($"{Name} did not report healthy within {timeout.TotalSeconds:0} s (last answer: {lastAnswer}).\n--- {Name} output ---\n{Output}");
    }

    /// <summary>Waits until the process has written a line that satisfies <paramref name="match"/>.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!_output.Any(match))
        {
            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                throw new InvalidOperationException($"{Name} did not print the expected line (exited: {_process.HasExited}).\n--- {Name} output ---\n{Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLines && _output.TryDequeue(out _))
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The dotnet host running this process (the test CLI sets DOTNET_HOST_PATH), else dotnet from PATH.</summary>
    public static string DotnetHost()
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
