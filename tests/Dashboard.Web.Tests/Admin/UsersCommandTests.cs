using System.Diagnostics;
using Dashboard.Web.Data;
using Dashboard.Web.Hosting;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Admin;

/// <summary>The "users" commands, in process against the test app's services (fast, every branch).</summary>
public class UsersCommandTests : IClassFixture<DashboardAppFactory>
{
    private readonly DashboardAppFactory _factory;

    public UsersCommandTests(DashboardAppFactory factory) => _factory = factory;

    private async Task<(int Code, string Out, string Error)> RunAsync(string? stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CommandConsole(new StringReader(stdin ?? ""), output, error, Interactive: false);
        var code = await CommandLine.RunUsersAsync(_factory.Services, args, console);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Add_ReadsPasswordFromStandardInput_AndAuditsTheCliActor()
    {
        var (code, stdout, stderr) = await RunAsync(TestUsers.Password + "\n", "add", "--email", "cli-admin@test.local", "--role", "admin", "--role", "Analyst");
        Assert.True(code == 0, stderr);
        Assert.Contains("Created cli-admin@test.local", stdout, StringComparison.Ordinal);
        Assert.Equal([Roles.Admin, Roles.Analyst], (await _factory.RolesOfAsync("cli-admin@test.local")).Order());

        var entry = Assert.Single(await _factory.AuditAsync(a => a.Action == "user.created" && a.Target == "user:cli-admin@test.local"));
        Assert.Equal($"cli ({Environment.UserName})", entry.Actor);
        Assert.Null(entry.UserId);

        // The password works.
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("cli-admin@test.local"))!, TestUsers.Password));
    }

    [Fact]
    public async Task List_ShowsUsersWithRolesAndStatus()
    {
        await _factory.CreateUserAsync("cli-listed@test.local", Roles.Operator);
        var (code, stdout, _) = await RunAsync(null, "list");
        Assert.Equal(0, code);
        var line = Assert.Single(stdout.Split('\n'), l => l.StartsWith("cli-listed@test.local", StringComparison.Ordinal));
        Assert.Contains("Operator", line, StringComparison.Ordinal);
        Assert.Contains("active", line, StringComparison.Ordinal);
        Assert.StartsWith("EMAIL", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRolesDisableEnable_ChangeTheUser()
    {
        await _factory.CreateUserAsync("cli-change@test.local", Roles.Viewer);
        Assert.Equal(0, (await RunAsync(null, "set-roles", "--email", "cli-change@test.local", "--role", "Operator,Analyst")).Code);
        Assert.Equal([Roles.Analyst, Roles.Operator], (await _factory.RolesOfAsync("cli-change@test.local")).Order());

        Assert.Equal(0, (await RunAsync(null, "disable", "--email=cli-change@test.local")).Code);
        Assert.True((await _factory.FindUserAsync("cli-change@test.local"))!.IsDisabled);
        Assert.Equal(0, (await RunAsync(null, "enable", "--email", "cli-change@test.local")).Code);
        Assert.False((await _factory.FindUserAsync("cli-change@test.local"))!.IsDisabled);
        Assert.Equal(3, (await _factory.AuditAsync(a => a.Target == "user:cli-change@test.local" && a.Actor.StartsWith("cli (", StringComparison.Ordinal))).Count);
    }

    [Theory]
    [InlineData(new[] { "add", "--email", "x@test.local", "--role", "Root" }, "Unknown role 'Root'")]
    [InlineData(new[] { "add", "--email", "x@test.local" }, "needs at least one --role")]
    [InlineData(new[] { "add", "--role", "Admin" }, "needs --email")]
    [InlineData(new[] { "add", "--email", "x@test.local", "--role", "Admin", "--password", "secret" }, "never taken from arguments")]
    [InlineData(new[] { "frobnicate" }, "Unknown command")]
    [InlineData(new string[0], "Missing command")]
    [InlineData(new[] { "list", "--email", "x@test.local" }, "takes no --email")]
    [InlineData(new[] { "disable", "--email" }, "needs a value")]
    [InlineData(new[] { "disable", "--email", "x@test.local", "--verbose" }, "Unknown option")]
    public async Task UsageErrors_ExitWith2AndExplain(string[] args, string message)
    {
        var (code, stdout, stderr) = await RunAsync(TestUsers.Password, args);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.Null(await _factory.FindUserAsync("x@test.local"));
    }

    [Fact]
    public async Task Add_WithoutPasswordOnStandardInput_IsAUsageError()
    {
        var (code, _, stderr) = await RunAsync(null, "add", "--email", "no-stdin@test.local", "--role", "Viewer");
        Assert.Equal(2, code);
        Assert.Contains("No password on standard input", stderr, StringComparison.Ordinal);
        Assert.Null(await _factory.FindUserAsync("no-stdin@test.local"));
    }

    [Fact]
    public async Task Failures_ExitWith1AndExplain()
    {
        var shortPassword = await RunAsync("short\n", "add", "--email", "cli-short@test.local", "--role", "Viewer");
        Assert.Equal(1, shortPassword.Code);
        Assert.Contains("Passwords must be at least 12 characters.", shortPassword.Error, StringComparison.Ordinal);

        var badEmail = await RunAsync(TestUsers.Password, "add", "--email", "not-an-email", "--role", "Viewer");
        Assert.Equal(1, badEmail.Code);
        Assert.Contains("not an email address", badEmail.Error, StringComparison.Ordinal);

        var unknownUser = await RunAsync(null, "disable", "--email", "nobody@test.local");
        Assert.Equal(1, unknownUser.Code);
        Assert.Contains("No user has the email nobody@test.local", unknownUser.Error, StringComparison.Ordinal);

        await _factory.CreateUserAsync("cli-dup@test.local", Roles.Viewer);
        var duplicate = await RunAsync(TestUsers.Password, "add", "--email", "cli-dup@test.local", "--role", "Viewer");
        Assert.Equal(1, duplicate.Code);
        Assert.Contains("already exists", duplicate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsUsageAndSucceeds()
    {
        var (code, stdout, _) = await RunAsync(null, "--help");
        Assert.Equal(0, code);
        Assert.Contains("users add --email EMAIL --role ROLE", stdout, StringComparison.Ordinal);
    }
}

/// <summary>
/// The real executable: <c>dotnet Dashboard.Web.dll users ...</c> in a child process on a new data folder, with the
/// password on standard input. Nothing listens on a port: the commands never start the web server.
/// </summary>
public sealed class UsersCommandProcessTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("dashboard-cli-").FullName;

    [Fact]
    public async Task AddListAndErrors_ThroughTheBuiltExecutable()
    {
        var add = await RunAsync(TestUsers.Password + "\n", "users", "add", "--email", "x@y.z", "--role", "Admin");
        Assert.True(add.Code == 0, add.Output);
        Assert.Contains("Created x@y.z with the role(s) Admin.", add.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "dashboard.db")));

        var list = await RunAsync(null, "users", "list");
        Assert.Equal(0, list.Code);
        Assert.Matches(@"(?m)^x@y\.z\s+Admin\s+active\s+off\s", list.Output);

        var wrongRole = await RunAsync(TestUsers.Password + "\n", "users", "add", "--email", "w@y.z", "--role", "Superuser");
        Assert.Equal(2, wrongRole.Code);
        Assert.Contains("Unknown role 'Superuser'. Roles are Viewer, Analyst, Operator, Admin.", wrongRole.Output, StringComparison.Ordinal);

        var shortPassword = await RunAsync("short\n", "users", "add", "--email", "s@y.z", "--role", "Viewer");
        Assert.Equal(1, shortPassword.Code);
        Assert.Contains("Passwords must be at least 12 characters.", shortPassword.Output, StringComparison.Ordinal);

        var lastAdmin = await RunAsync(null, "users", "disable", "--email", "x@y.z");
        Assert.Equal(1, lastAdmin.Code);
        Assert.Contains("last enabled Admin", lastAdmin.Output, StringComparison.Ordinal);

        var after = await RunAsync(null, "users", "list");
        Assert.DoesNotContain("w@y.z", after.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s@y.z", after.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", after.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }

    private async Task<(int Code, string Output)> RunAsync(string? stdin, params string[] args)
    {
        var dll = WebAppDll();
        Assert.True(File.Exists(dll), $"{dll} does not exist; build the solution first");
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "DOTNET_URLS", "Urls", "DASHBOARD_ADMIN_EMAIL", "DASHBOARD_ADMIN_PASSWORD" })
        {
            startInfo.Environment.Remove(inherited);
        }

        startInfo.Environment["Data__Directory"] = _dataDirectory;
        startInfo.Environment["Demo__Enabled"] = "false";
        // Anything that tried to serve would fail loudly instead of taking a port.
        startInfo.Environment["Urls"] = "http://127.0.0.1:1";

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>
    /// Dashboard.Web.dll as the build copies it next to these tests (with its runtimeconfig, deps and appsettings),
    /// so the test runs exactly the app it was built with.
    /// </summary>
    private static string WebAppDll() => Path.Combine(AppContext.BaseDirectory, "Dashboard.Web.dll");

    private static string DotnetHost()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(hostPath) && File.Exists(hostPath) ? hostPath : "dotnet";
    }
}
