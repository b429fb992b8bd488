using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Dashboard.Web.Data;
using Dashboard.Web.Features.Scans;
using Dashboard.Web.Hosting;
using Dashboard.Web.Scanning;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Shared;

/// <summary>
/// A scaled-out install run as an operator runs it: web and worker nodes (child processes of the built dashboard) that
/// start at the same instant on one PostgreSQL database, plus the operator's side: accounts added through the
/// accounts form's command, scans queued through the web node's API with a personal API token.
/// </summary>
public sealed class ScaleOutCluster : IAsyncDisposable
{
    public const string AdminEmail = "admin@scale-out.test";

    private readonly ServiceProvider _services;
    private readonly HttpClient _api;
    private readonly string _dataDirectory;

    private ScaleOutCluster(IReadOnlyList<DashboardNode> webs, IReadOnlyList<DashboardNode> workers, ServiceProvider services, HttpClient api, string dataDirectory)
    {
        Webs = webs;
        Workers = workers;
        _services = services;
        _api = api;
        _dataDirectory = dataDirectory;
    }

    public IReadOnlyList<DashboardNode> Webs { get; }

    public IReadOnlyList<DashboardNode> Workers { get; }

    public IDbContextFactory<AppDbContext> Db => _services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>
    /// Starts <paramref name="webNodes"/> web and <paramref name="workers"/> worker nodes together and waits until
    /// every one answers /healthz. <paramref name="environment"/> goes to every node (Jobs settings, AWS credentials).
    /// </summary>
    public static async Task<ScaleOutCluster> StartAsync(
        string connectionString, int webNodes, int workers, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("dashboard-scale-out-").FullName;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var nodes = new List<DashboardNode>();
        ServiceProvider? services = null;
        try
        {
            Dictionary<string, string?> Node(NodeRole role) => new(environment)
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Node__Role"] = role.ToString(),
                ["Database__Provider"] = nameof(DatabaseProvider.Postgres),
                ["Database__ConnectionString"] = connectionString,
                ["Data__Directory"] = dataDirectory,
                ["Demo__Enabled"] = "false",
                // Every web node gets the first admin's variables, as a compose file would give them.
                ["DASHBOARD_ADMIN_EMAIL"] = role == NodeRole.Web ? AdminEmail : null,
                ["DASHBOARD_ADMIN_PASSWORD"] = role == NodeRole.Web ? password : null,
            };

            nodes.AddRange(Enumerable.Range(1, webNodes).Select(i => DashboardNode.StartDashboard($"web-{i}", Node(NodeRole.Web))));
            nodes.AddRange(Enumerable.Range(1, workers).Select(i => DashboardNode.StartDashboard($"worker-{i}", Node(NodeRole.Worker))));
            await Task.WhenAll(nodes.Select(n => n.WaitUntilHealthyAsync(timeout)));

            services = OperatorServices(connectionString);
            var token = await CreateApiTokenAsync(services);
            var api = new HttpClient { BaseAddress = nodes[0].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return new ScaleOutCluster(nodes.Take(webNodes).ToList(), nodes.Skip(webNodes).ToList(), services, api, dataDirectory);
        }
        catch
        {
            nodes.ForEach(n => n.Dispose());
            if (services is not null)
            {
                await services.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Adds an account as the accounts page does (validation, audit); returns its id.</summary>
    public async Task<int> AddAccountAsync(AccountForm form)
    {
        var (errors, id) = await _services.GetRequiredService<AccountCommands>().SaveAsync(form, "operator (scale-out)", null, CancellationToken.None);
        return errors.Count == 0 ? id!.Value : throw new InvalidOperationException(string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")));
    }

    /// <summary>The account form for an account reached by assuming <paramref name="roleArn"/> through <paramref name="endpoint"/>.</summary>
    public static AccountForm AssumeRoleAccount(string awsAccountId, string roleArn, string externalId, string endpoint, string regions) => new()
    {
        AwsAccountId = awsAccountId,
        Name = "Fleet " + awsAccountId,
        AccessMethod = AccountAccessMethod.AssumeRole,
        RoleArn = roleArn,
        ExternalId = externalId,
        HomeRegion = regions.Split(',')[0],
        Regions = regions,
        EndpointUrl = endpoint,
    };

    /// <summary>"Scan now" through the web node's API (POST /api/accounts/{id}/scans); returns the run it queued or joined.</summary>
    public async Task<long> RequestScanAsync(int accountId)
    {
        using var response = await _api.PostAsync(new Uri($"/api/accounts/{accountId}/scans", UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/accounts/{accountId}/scans answered {(int)response.StatusCode}: {body}");
        }

        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("scanRunId").GetInt64();
    }

    /// <summary>The node whose scan job holds or held <paramref name="run"/> (the lease owner is machine:process:guid).</summary>
    public DashboardNode? WorkerOf(ScanRun run) =>
        run.LeaseOwner is { } owner ? Workers.FirstOrDefault(w => owner.Contains($":{w.ProcessId}:", StringComparison.Ordinal)) : null;

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        foreach (var node in Webs.Concat(Workers))
        {
            node.Dispose();
        }

        await _services.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing for.
        }
    }

    /// <summary>What the operator's side needs of the app's services, on the cluster's database.</summary>
    private static ServiceProvider OperatorServices(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<IdentityOptions>(o => o.Stores.SchemaVersion = AuthSetup.IdentitySchemaVersion);
        services.AddAppDbContext(DatabaseProvider.Postgres, connectionString);
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Hangfire.IRecurringJobManager, NoSchedules>();
        services.AddSingleton(new AwsSourceCredentials());
        services.AddSingleton(Dashboard.Core.Frameworks.FrameworkCatalog.Default);
        services.AddTransient<AuditLog>();
        services.AddTransient<ScanSchedules>();
        services.AddTransient<AccountCommands>();
        services.AddTransient<ApiTokenService>();
        return services.BuildServiceProvider();
    }

    /// <summary>A personal API token of the first admin, which the web node created from the environment at start.</summary>
    private static async Task<string> CreateApiTokenAsync(ServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var admin = await db.Users.AsNoTracking().SingleAsync(u => u.Email == AdminEmail);
        return (await services.GetRequiredService<ApiTokenService>().CreateAsync(admin, "scale-out", 1)).Token;
    }

    /// <summary>The cluster's accounts have no schedule, so saving one only ever removes a schedule that is not there.</summary>
    private sealed class NoSchedules : Hangfire.IRecurringJobManager
    {
        public void AddOrUpdate(string recurringJobId, Hangfire.Common.Job job, string cronExpression, Hangfire.RecurringJobOptions options) =>
            throw new NotSupportedException("accounts of a scale-out cluster are added without a schedule");

        public void Trigger(string recurringJobId) => throw new NotSupportedException("no schedules here");

        public void RemoveIfExists(string recurringJobId)
        {
        }
    }
}
