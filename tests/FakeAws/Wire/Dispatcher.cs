using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FakeAws.Wire;

/// <summary>A finished answer, for operations whose body is not the protocol's usual document (S3 policies, HEAD).</summary>
public sealed record RawResponse(int Status, string? ContentType, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// The single endpoint for every service: authenticate (SigV4, checked cryptographically), find the service from the
/// credential scope, the operation from the protocol, apply the scenario's faults, run the handler and answer in the
/// service's wire format.
/// </summary>
public sealed class Dispatcher(FakeState state, IEnumerable<ServiceHandler> handlers)
{
    private readonly Dictionary<ServiceInfo, ServiceHandler> _handlers = handlers.ToDictionary(h => h.Info);

    public IReadOnlyCollection<ServiceHandler> Handlers => _handlers.Values;

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();

        var auth = SigV4Authorization.Parse(http.Request.Headers.Authorization);
        var service = auth is null ? null : ServiceInfo.All.GetValueOrDefault(auth.Service);
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path + http.Request.QueryString;
        if (service?.SigningName == "s3" && rawTarget.StartsWith("/v20180820/", StringComparison.Ordinal))
        {
            service = ServiceInfo.S3Control;
        }
        else if (service?.SigningName == "monitoring" && http.Request.Headers.ContainsKey("X-Amz-Target"))
        {
            service = ServiceInfo.CloudWatchJson;
        }

        if (auth is null || service is null)
        {
            var fallback = service ?? ServiceInfo.All["sts"];
            await WriteErrorAsync(http, fallback, auth is null
                ? new AwsException("MissingAuthenticationToken", "Request is missing Authentication Token", 403)
                : new AwsException("UnknownService", $"The fake does not serve '{auth.Service}'.", 400), requestId);
            return;
        }

        try
        {
            var call = Authenticate(http, service, auth, rawTarget, body);
            var handler = _handlers.GetValueOrDefault(service) ?? throw UnknownOperation(service, "?");
            var (operation, parameters, labels, json) = Identify(http, handler, rawTarget, body);
            var run = handler.Find(operation) ?? throw UnknownOperation(service, operation);

            var region = auth.Region;
            if (!service.Global && !call.Account.IsEnabled(region))
            {
                throw AwsException.UnknownKey(service);
            }

            var full = new Call
            {
                Service = service,
                Region = region,
                Account = call.Account,
                Operation = operation,
                Http = http,
                State = state,
                Principal = call.Principal,
                Params = parameters,
                Labels = labels,
                Body = json,
            };
            state.Calls.Add(service.SigningName, operation, region);

            // The bucket is charged when the call arrives; the answer, throttled or not, comes after the latency.
            var limited = !state.RateLimiter.TryAcquire(call.Account.Scenario.AccountId, service.SigningName, operation, service.Global ? "global" : region);

            await state.Gate.PassAsync(http.RequestAborted);
            var latency = state.Scenario.Faults.LatencyMs;
            if (latency > 0)
            {
                await Task.Delay(latency, http.RequestAborted);
            }

            if (limited || state.ShouldThrottle(call.Account.Scenario.AccountId, service.SigningName, operation, region))
            {
                state.Throttled.Add(service.SigningName, operation, region);
                throw AwsException.Throttled(service);
            }

            var resource = handler.Resource(full);
            if (state.Scenario.Faults.AccessDenied.Any(r => r.Matches(service.SigningName, operation, region, resource)))
            {
                throw AwsException.AccessDenied(service, operation, call.Principal, resource);
            }

            var result = run(full);
            await WriteAsync(http, service, operation, result, requestId);
        }
        catch (AwsException error)
        {
            await WriteErrorAsync(http, service, error, requestId);
        }
    }

    private FakeCredential Authenticate(HttpContext http, ServiceInfo service, SigV4Authorization auth, string rawTarget, byte[] body)
    {
        var credential = state.Credential(auth.AccessKeyId) ?? throw AwsException.UnknownKey(service);
        var headers = http.Request.Headers;
        var payloadHash = headers["x-amz-content-sha256"].FirstOrDefault() ?? SigV4.PayloadHash(body);
        var canonical = SigV4.CanonicalRequest(http.Request.Method, rawTarget, auth.SignedHeaders,
            name => headers.TryGetValue(name, out var v) ? string.Join(',', v.ToArray()) : null,
            payloadHash, s3: service.SigningName == "s3");
        var expected = SigV4.Signature(credential.SecretAccessKey, headers["x-amz-date"].FirstOrDefault() ?? "", auth, canonical);
        if (!string.Equals(expected, auth.Signature, StringComparison.Ordinal))
        {
            throw AwsException.BadSignature(service);
        }

        if (credential.SessionToken is not null && headers["x-amz-security-token"].FirstOrDefault() != credential.SessionToken)
        {
            throw AwsException.UnknownKey(service);
        }

        return credential;
    }

    private static (string Operation, Dictionary<string, string> Params, Dictionary<string, string> Labels, JsonObject Json) Identify(
        HttpContext http, ServiceHandler handler, string rawTarget, byte[] body)
    {
        var service = handler.Info;
        var q = rawTarget.IndexOf('?');
        var path = q < 0 ? rawTarget : rawTarget[..q];
        var query = ParseForm(q < 0 ? "" : rawTarget[(q + 1)..]);
        switch (service.Protocol)
        {
            case Protocol.Query or Protocol.Ec2:
                foreach (var (k, v) in ParseForm(Encoding.UTF8.GetString(body)))
                {
                    query[k] = v;
                }

                return (query.GetValueOrDefault("Action") ?? "", query, [], []);
            case Protocol.Json:
                var target = http.Request.Headers["X-Amz-Target"].FirstOrDefault() ?? "";
                return (target[(target.LastIndexOf('.') + 1)..], query, [], ParseJson(service, body));
            default:
                var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
                if (service == ServiceInfo.All["s3"] && VirtualHostedBucket(http.Request.Host.Host) is { } bucket)
                {
                    // Virtual-hosted style (bucket.localhost): the bucket is the first label of the host.
                    segments = [bucket, .. segments.Where(s => s.Length > 0)];
                }

                var match = handler.Match(http.Request.Method, segments, query) ?? throw UnknownOperation(service, $"{http.Request.Method} {path}");
                return (match.Operation, query, match.Labels, service.Protocol == Protocol.RestJson ? ParseJson(service, body) : []);
        }
    }

    private static string? VirtualHostedBucket(string host)
    {
        foreach (var suffix in new[] { ".localhost", ".127.0.0.1" })
        {
            if (host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && host.Length > suffix.Length)
            {
                return host[..^suffix.Length];
            }
        }

        return null;
    }

    private static JsonObject ParseJson(ServiceInfo service, byte[] body)
    {
        if (body.Length == 0)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            throw new AwsException("SerializationException", "Malformed JSON body.", 400);
        }
    }

    private static Dictionary<string, string> ParseForm(string form)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in form.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var k = Unescape(eq < 0 ? pair : pair[..eq]);
            result[k] = eq < 0 ? "" : Unescape(pair[(eq + 1)..]);
        }

        return result;
    }

    private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    private static AwsException UnknownOperation(ServiceInfo service, string operation) => service.Protocol switch
    {
        Protocol.Query or Protocol.Ec2 => new AwsException("InvalidAction", $"The action {operation} is not valid for this web service.", 400),
        Protocol.Json => new AwsException("UnknownOperationException", $"Unknown operation {operation}", 400),
        Protocol.RestXml => new AwsException("NotImplemented", $"The fake does not implement {operation}.", 501),
        _ => new AwsException("UnknownOperationException", $"Unknown operation {operation}", 404),
    };

    private static Task WriteAsync(HttpContext http, ServiceInfo service, string operation, object result, string requestId)
    {
        switch (result)
        {
            case RawResponse raw:
                foreach (var (k, v) in raw.Headers ?? new Dictionary<string, string>())
                {
                    http.Response.Headers[k] = v;
                }

                http.Response.Headers["x-amz-request-id"] = requestId;
                return Send(http, raw.Status, raw.ContentType, raw.Body);
            case JsonObject json:
                http.Response.Headers["x-amzn-RequestId"] = requestId;
                return Send(http, 200, service.Protocol == Protocol.Json ? "application/x-amz-json-" + service.JsonVersion : "application/json",
                    Encoding.UTF8.GetBytes(json.ToJsonString()));
            case XElement root:
                http.Response.Headers["x-amz-request-id"] = requestId;
                return Send(http, 200, "application/xml", X.Document(root, service.XmlNamespace));
            case object?[] content when service.Protocol == Protocol.Ec2:
                return Send(http, 200, "text/xml;charset=UTF-8",
                    X.Document(X.E(operation + "Response", [X.E("requestId", requestId), .. content]), service.XmlNamespace));
            case object?[] content:
                return Send(http, 200, "text/xml",
                    X.Document(X.E(operation + "Response",
                        X.E(operation + "Result", content),
                        X.E("ResponseMetadata", X.E("RequestId", requestId))), service.XmlNamespace));
            default:
                throw new InvalidOperationException($"Handler for {service.SigningName}:{operation} returned {result.GetType()}.");
        }
    }

    private static Task WriteErrorAsync(HttpContext http, ServiceInfo service, AwsException error, string requestId)
    {
        foreach (var (k, v) in error.Headers)
        {
            http.Response.Headers[k] = v;
        }

        switch (service.Protocol)
        {
            case Protocol.Query:
                return Send(http, error.Status, "text/xml", X.Document(X.E("ErrorResponse",
                    X.E("Error", X.E("Type", error.Status >= 500 ? "Receiver" : "Sender"), X.E("Code", error.Code), X.E("Message", error.Message)),
                    X.E("RequestId", requestId)), service.XmlNamespace));
            case Protocol.Ec2:
                return Send(http, error.Status, "text/xml;charset=UTF-8", X.Document(X.E("Response",
                    X.E("Errors", X.E("Error", X.E("Code", error.Code), X.E("Message", error.Message))),
                    X.E("RequestID", requestId)), null));
            case Protocol.RestXml:
                http.Response.Headers["x-amz-request-id"] = requestId;
                if (http.Request.Method == "HEAD")
                {
                    return Send(http, error.Status, null, []);
                }

                return Send(http, error.Status, "application/xml", X.Document(X.E("Error",
                    [X.E("Code", error.Code), X.E("Message", error.Message), .. error.Extra.Select(e => X.E(e.Key, e.Value)),
                     X.E("RequestId", requestId), X.E("HostId", "fake-host-id")]), null));
            case Protocol.Json:
                http.Response.Headers["x-amzn-RequestId"] = requestId;
                return Send(http, error.Status, "application/x-amz-json-" + service.JsonVersion,
                    Encoding.UTF8.GetBytes(new JsonObject { ["__type"] = error.Code, ["message"] = error.Message }.ToJsonString()));
            default:
                http.Response.Headers["x-amzn-RequestId"] = requestId;
                http.Response.Headers["x-amzn-ErrorType"] = error.Code;
                var errorBody = new JsonObject { ["message"] = error.Message };
                if (service.SigningName == "securityhub")
                {
                    errorBody = new JsonObject { ["Code"] = error.Code, ["Message"] = error.Message };
                }

                return Send(http, error.Status, "application/json", Encoding.UTF8.GetBytes(errorBody.ToJsonString()));
        }
    }

    private static async Task Send(HttpContext http, int status, string? contentType, byte[] body)
    {
        http.Response.StatusCode = status;
        if (contentType is not null)
        {
            http.Response.ContentType = contentType;
        }

        http.Response.ContentLength = body.Length;
        if (body.Length > 0 && http.Request.Method != "HEAD")
        {
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }
}
