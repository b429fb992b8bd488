using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Support;

/// <summary>One request the fake webhook received.</summary>
public sealed record WebhookRequest(string Path, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// An incoming-webhook endpoint for tests: Kestrel on 127.0.0.1 (a free port) that records every POST and answers
/// <see cref="StatusCode"/>, or with <see cref="Hang"/> holds the request open until the caller gives up.
/// </summary>
public sealed class FakeWebhook : IAsyncDisposable
{
    /// <summary>The secret-looking path, as in a Slack URL (/services/T…/B…/secret).</summary>
    public const string SecretPath = "/services/T0FAKE/B0FAKE/s3cr3t-webhook-token";

    private readonly WebApplication _app;

    private FakeWebhook(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public int StatusCode { get; set; } = 200;

    public bool Hang { get; set; }

    public ConcurrentQueue<WebhookRequest> Requests { get; } = new();

    public static async Task<FakeWebhook> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var webhook = new FakeWebhook(app);
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            webhook.Requests.Enqueue(new WebhookRequest(context.Request.Path, context.Request.ContentType, body));
            if (webhook.Hang)
            {
                // Until the client gives up (its timeout) or the server stops.
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Empty;
            }

            return Results.Text(webhook.StatusCode == 200 ? "ok" : "invalid_payload", statusCode: webhook.StatusCode);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        webhook.Url = new Uri(address).GetLeftPart(UriPartial.Authority) + SecretPath;
        return webhook;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
