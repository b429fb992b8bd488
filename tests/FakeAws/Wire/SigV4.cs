using System.Security.Cryptography;
using System.Text;

namespace FakeAws.Wire;

/// <summary>The parsed <c>Authorization: AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, ...</c> header.</summary>
public sealed record SigV4Authorization(string AccessKeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public string Scope => $"{Date}/{Region}/{Service}/aws4_request";

    public static SigV4Authorization? Parse(string? header)
    {
        const string Prefix = "AWS4-HMAC-SHA256";
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in header[Prefix.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq < 0)
            {
                continue;
            }

            var value = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }

        var scope = credential?.Split('/');
        if (scope is not { Length: 5 } || scope[4] != "aws4_request" || signedHeaders is null || signature is null)
        {
            return null;
        }

        return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], signedHeaders.Split(';'), signature);
    }
}

/// <summary>SigV4 as the services check it: canonical request, string to sign, HMAC chain.</summary>
public static class SigV4
{
    /// <param name="rawTarget">The request target exactly as sent on the wire (path and query, still percent-encoded).</param>
    /// <param name="headerValue">Returns the request's value for a (lower-case) header name, or null.</param>
    public static string CanonicalRequest(string method, string rawTarget, IReadOnlyList<string> signedHeaders, Func<string, string?> headerValue, string payloadHash, bool s3)
    {
        var q = rawTarget.IndexOf('?');
        var path = q < 0 ? rawTarget : rawTarget[..q];
        var query = q < 0 ? "" : rawTarget[(q + 1)..];
        if (path.Length == 0)
        {
            path = "/";
        }

        // Every service except S3 encodes the (already encoded) wire path once more.
        var canonicalPath = s3 ? path : string.Join('/', path.Split('/').Select(Encode));

        var canonicalQuery = string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=');
                var k = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var v = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
                return (K: Encode(k), V: Encode(v));
            })
            .OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal)
            .Select(p => p.K + "=" + p.V));

        var headers = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var value = headerValue(name) ?? "";
            headers.Append(name).Append(':').Append(string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        }

        return $"{method}\n{canonicalPath}\n{canonicalQuery}\n{headers}\n{string.Join(';', signedHeaders)}\n{payloadHash}";
    }

    public static string Signature(string secretAccessKey, string amzDate, SigV4Authorization auth, string canonicalRequest)
    {
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{auth.Scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), auth.Date);
        key = Hmac(key, auth.Region);
        key = Hmac(key, auth.Service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static string PayloadHash(byte[] body) => Hex(SHA256.HashData(body));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    /// <summary>RFC 3986 percent-encoding of everything but unreserved characters.</summary>
    public static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2"));
            }
        }

        return sb.ToString();
    }
}
