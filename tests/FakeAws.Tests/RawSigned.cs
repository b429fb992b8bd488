using System.Globalization;
using System.Text;
using FakeAws.Wire;

namespace FakeAws.Tests;

/// <summary>
/// Hand-signed requests, for what neither the AWSSDK packages nor Debian's older clients can send (account:ListRegions,
/// CloudWatch JSON 1.0, a virtual-hosted S3 host). Uses the same SigV4 steps the fake verifies, so it proves content,
/// not independence.
/// </summary>
internal static class RawSigned
{
    public static Task<(int Status, string Body)> PostJsonAsync(Uri endpoint, ScenarioAccount account, string service, string region, string path, string json,
        string contentType = "application/json", string? target = null) =>
        SendAsync(HttpMethod.Post, endpoint, endpoint.Authority, account, service, region, path, Encoding.UTF8.GetBytes(json), contentType, target);

    public static async Task<(int Status, string Body)> SendAsync(HttpMethod method, Uri endpoint, string host, ScenarioAccount account, string service, string region,
        string pathAndQuery, byte[] body, string? contentType = null, string? target = null)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var payloadHash = SigV4.PayloadHash(body);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = host, ["x-amz-date"] = amzDate, ["x-amz-content-sha256"] = payloadHash };
        if (contentType is not null)
        {
            headers["content-type"] = contentType;
        }

        if (target is not null)
        {
            headers["x-amz-target"] = target;
        }

        var signed = headers.Keys.ToArray();
        var auth = new SigV4Authorization(account.AccessKeyId, now.ToString("yyyyMMdd", CultureInfo.InvariantCulture), region, service, signed, "");
        var canonical = SigV4.CanonicalRequest(method.Method, pathAndQuery, signed, h => headers.GetValueOrDefault(h), payloadHash, s3: service == "s3");
        var signature = SigV4.Signature(account.SecretAccessKey, amzDate, auth, canonical);

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, new Uri(endpoint, pathAndQuery));
        if (body.Length > 0 || method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            }
        }

        request.Headers.Host = host;
        foreach (var (name, value) in headers.Where(h => h.Key is not ("host" or "content-type")))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={account.AccessKeyId}/{auth.Scope}, SignedHeaders={string.Join(';', signed)}, Signature={signature}");
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
