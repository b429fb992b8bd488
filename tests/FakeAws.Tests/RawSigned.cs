using System.Globalization;
using System.Text;
using FakeAws.Wire;

namespace FakeAws.Tests;

/// <summary>
/// A hand-signed request, for the few operations neither the AWSSDK packages nor Debian's older clients know
/// (account:ListRegions). Uses the same SigV4 steps the fake verifies, so it proves content, not independence.
/// </summary>
internal static class RawSigned
{
    public static async Task<(int Status, string Body)> PostJsonAsync(Uri endpoint, ScenarioAccount account, string service, string region, string path, string json,
        string contentType = "application/json", string? target = null)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes(json);
        var host = endpoint.Authority;
        var payloadHash = SigV4.PayloadHash(body);
        string[] signed = target is null ? ["content-type", "host", "x-amz-date"] : ["content-type", "host", "x-amz-date", "x-amz-target"];
        var headers = new Dictionary<string, string> { ["content-type"] = contentType, ["host"] = host, ["x-amz-date"] = amzDate };
        if (target is not null)
        {
            headers["x-amz-target"] = target;
        }

        var auth = new SigV4Authorization(account.AccessKeyId, now.ToString("yyyyMMdd", CultureInfo.InvariantCulture), region, service, signed, "");
        var canonical = SigV4.CanonicalRequest("POST", path, signed, h => headers.GetValueOrDefault(h), payloadHash, s3: false);
        var signature = SigV4.Signature(account.SecretAccessKey, amzDate, auth, canonical);

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={account.AccessKeyId}/{auth.Scope}, SignedHeaders={string.Join(';', signed)}, Signature={signature}");
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
