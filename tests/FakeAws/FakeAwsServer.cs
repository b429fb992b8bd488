using FakeAws.Services;
using FakeAws.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FakeAws;

/// <summary>
/// The fake AWS: one Kestrel endpoint on 127.0.0.1 that answers every service the collectors call, in each service's
/// real wire protocol, from a <see cref="Scenario"/>. Port 0 picks a free port; <see cref="Endpoint"/> tells which.
/// </summary>
public sealed class FakeAwsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeAwsServer(WebApplication app, FakeState state, Dispatcher dispatcher)
    {
        _app = app;
        State = state;
        Dispatcher = dispatcher;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public Uri Endpoint { get; }
    public FakeState State { get; }
    internal Dispatcher Dispatcher { get; }

    /// <summary>Calls per (signing name, operation, region), counted once authenticated and identified.</summary>
    public CallCounter Calls => State.Calls;

    /// <summary>Every (botocore model name, operation) the fake serves.</summary>
    public static IReadOnlyList<(string Model, string Operation)> ServedOperations { get; } =
        CreateHandlers().SelectMany(h => h.Operations.Select(o => (h.Info.ModelName, o))).Distinct().OrderBy(x => x.ModelName).ThenBy(x => x.o).ToArray();

    public static Task<FakeAwsServer> StartAsync(Scenario scenario, int port = 0, CancellationToken cancellationToken = default) =>
        StartAsync(scenario, port, standalone: false, cancellationToken);

    /// <param name="standalone">Own process: stop on SIGTERM/Ctrl+C. Embedded servers leave the host process's signals alone.</param>
    internal static async Task<FakeAwsServer> StartAsync(Scenario scenario, int port, bool standalone, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (!standalone)
        {
            builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        }

        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        var app = builder.Build();
        var state = new FakeState(scenario);
        var dispatcher = new Dispatcher(state, CreateHandlers());
        app.Run(dispatcher.HandleAsync);
        await app.StartAsync(cancellationToken);
        return new FakeAwsServer(app, state, dispatcher);
    }

    internal static IReadOnlyList<ServiceHandler> CreateHandlers() =>
    [
        new StsService(),
        new IamService(),
        new S3Service(),
        new S3ControlService(),
        new Ec2Service(),
        new CloudTrailService(),
        new RdsService(),
        new SnsService(),
        new CloudWatchService(),
        new CloudWatchJsonService(),
        new ConfigService(),
        new LogsService(),
        new KmsService(),
        new OrganizationsService(),
        new SecretsManagerService(),
        new AccountService(),
        new AccessAnalyzerService(),
        new EfsService(),
        new GuardDutyService(),
        new LambdaService(),
        new Macie2Service(),
        new SecurityHubService(),
    ];

    /// <summary>Completes when the process is asked to stop (standalone mode).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        State.Gate.Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
