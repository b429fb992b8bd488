using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dashboard.Aws.Tests.Support;

/// <summary>A recorded request as the canned server saw it.</summary>
public sealed record SeenRequest(string Method, string PathAndQuery, string? Target, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>A canned answer: status, content type and body.</summary>
public sealed record CannedResponse(int Status, string ContentType, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static CannedResponse Xml(string body, int status = 200) => new(status, "text/xml", body);
    public static CannedResponse Json(string body, int status = 200) => new(status, "application/x-amz-json-1.1", body);
}

/// <summary>
/// A tiny HTTP server on 127.0.0.1 answering from a function of the request: enough to unit-test the pipeline's
/// marshalling, signing headers, error parsing and retries without the full fake AWS.
/// </summary>
public sealed class CannedAwsServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<SeenRequest, CannedResponse> _answer;
    private readonly Task _loop;

    public CannedAwsServer(Func<SeenRequest, CannedResponse> answer)
    {
        _answer = answer;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var seen = new SeenRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", headers.GetValueOrDefault("X-Amz-Target"), body, headers);
            Requests.Enqueue(seen);
            var answer = _answer(seen);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}

/// <summary>Helpers to read form bodies.</summary>
public static class Form
{
    public static Dictionary<string, string> Parse(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "", StringComparer.Ordinal);
}
