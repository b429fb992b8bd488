using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Web.Tests.Support;

/// <summary>A user as the fake provider knows them: who /authorize signs in (auto-approved).</summary>
public sealed record FakeOidcUser(string Subject, string? Email, IReadOnlyList<string> Groups, string? Name = null);

/// <summary>
/// A minimal OpenID Connect provider for tests only: a real Kestrel server on 127.0.0.1 (random free port), so the
/// dashboard's OIDC handler talks to it over its ordinary back-channel HttpClient. It implements discovery, JWKS
/// (an RSA key made at start), an auto-approving /authorize (query or form_post answer), /token (authorization
/// code with mandatory PKCE S256 and client secret; RS256-signed ID token carrying the request's nonce) and
/// /userinfo. Nothing here is meant to be secure beyond what the tests check.
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "posture-dashboard-tests";
    public const string ClientSecret = "fake-idp-client-secret-5f2c9a";

    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeOidcUser> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly WebApplication _app;
    private int _tokenRequests;

    private FakeOidcProvider(WebApplication app) => _app = app;

    /// <summary>The issuer (and authority) URL, e.g. http://127.0.0.1:41234.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>Who is signed in at the provider; null makes /authorize answer access_denied.</summary>
    public FakeOidcUser? SignedInUser { get; set; }

    /// <summary>Put the groups only in the userinfo response, not in the ID token (as some providers do).</summary>
    public bool GroupsOnlyInUserInfo { get; set; }

    /// <summary>The claim name the groups are sent under ("groups", "roles", ...).</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The query of every /authorize request, for assertions about what the dashboard sent.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> AuthorizeRequests { get; } = new();

    /// <summary>Requests the provider refused, with the reason (a test fails with these when a flow breaks).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>How many /token requests arrived (an access_denied answer must not lead to one).</summary>
    public int TokenRequests => _tokenRequests;

    public static async Task<FakeOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var provider = new FakeOidcProvider(app);
        provider.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Issuer = new Uri(address).GetLeftPart(UriPartial.Authority);
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["userinfo_endpoint"] = $"{Issuer}/userinfo",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query", "form_post" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["scopes_supported"] = new[] { "openid", "profile", "email" },
        }));

        app.MapGet("/jwks", () =>
        {
            var parameters = _key.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new Dictionary<string, string>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["alg"] = "RS256",
                        ["kid"] = _keyId,
                        ["n"] = Base64Url(parameters.Modulus!),
                        ["e"] = Base64Url(parameters.Exponent!),
                    },
                },
            });
        });

        app.MapGet("/authorize", Authorize);
        app.MapPost("/token", (Func<HttpContext, Task<IResult>>)TokenAsync);
        app.MapGet("/userinfo", UserInfo);
    }

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        AuthorizeRequests.Enqueue(query);
        string Get(string name) => query.TryGetValue(name, out var value) ? value : "";

        var redirectUri = Get("redirect_uri");
        if (Get("client_id") != ClientId || !Uri.TryCreate(redirectUri, UriKind.Absolute, out _))
        {
            return Refuse("authorize: unknown client or bad redirect_uri");
        }

        var answer = new Dictionary<string, string> { ["state"] = Get("state"), ["iss"] = Issuer };
        if (Get("response_type") != "code" || Get("code_challenge").Length == 0 || Get("code_challenge_method") != "S256")
        {
            _errors.Enqueue("authorize: only the code flow with PKCE S256 is supported");
            answer["error"] = "invalid_request";
        }
        else if (!Get("scope").Split(' ').Contains("openid"))
        {
            _errors.Enqueue("authorize: scope openid missing");
            answer["error"] = "invalid_scope";
        }
        else if (SignedInUser is not { } user)
        {
            answer["error"] = "access_denied";
        }
        else
        {
            var code = Base64Url(RandomNumberGenerator.GetBytes(32));
            _codes[code] = new PendingCode(user, redirectUri, Get("nonce"), Get("code_challenge"));
            answer["code"] = code;
        }

        if (Get("response_mode") == "form_post")
        {
            var html = new StringBuilder($"<html><body onload=\"document.forms[0].submit()\"><form method=\"post\" action=\"{WebUtility.HtmlEncode(redirectUri)}\">");
            foreach (var (name, value) in answer)
            {
                html.Append($"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(name)}\" value=\"{WebUtility.HtmlEncode(value)}\" />");
            }

            return Results.Content(html.Append("</form></body></html>").ToString(), "text/html");
        }

        var separator = redirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return Results.Redirect(redirectUri + separator + string.Join("&", answer.Select(a => $"{a.Key}={Uri.EscapeDataString(a.Value)}")));
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        var form = await context.Request.ReadFormAsync();
        string Get(string name) => form.TryGetValue(name, out var value) ? value.ToString() : "";

        var (clientId, clientSecret) = (Get("client_id"), Get("client_secret"));
        if (context.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            (clientId, clientSecret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }

        if (clientId != ClientId || clientSecret != ClientSecret)
        {
            return TokenError("invalid_client", "token: wrong client id or secret");
        }

        if (Get("grant_type") != "authorization_code" || !_codes.TryRemove(Get("code"), out var pending))
        {
            return TokenError("invalid_grant", "token: unknown, used or missing code");
        }

        if (pending.RedirectUri != Get("redirect_uri"))
        {
            return TokenError("invalid_grant", "token: redirect_uri differs from the authorize request");
        }

        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(Get("code_verifier"))));
        if (Get("code_verifier").Length < 43 || challenge != pending.CodeChallenge)
        {
            return TokenError("invalid_grant", "token: PKCE code_verifier does not match the code_challenge");
        }

        var accessToken = Base64Url(RandomNumberGenerator.GetBytes(32));
        _accessTokens[accessToken] = pending.User;
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = ClientId,
            ["sub"] = pending.User.Subject,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            ["auth_time"] = now.ToUnixTimeSeconds(),
            ["nonce"] = pending.Nonce,
            ["at_hash"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]),
        };
        AddProfile(claims, pending.User, includeGroups: !GroupsOnlyInUserInfo);

        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = Sign(claims),
        });
    }

    private IResult UserInfo(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(header["Bearer ".Length..], out var user))
        {
            _errors.Enqueue("userinfo: missing or unknown access token");
            return Results.Unauthorized();
        }

        var claims = new Dictionary<string, object> { ["sub"] = user.Subject };
        AddProfile(claims, user, includeGroups: true);
        return Results.Json(claims);
    }

    private void AddProfile(Dictionary<string, object> claims, FakeOidcUser user, bool includeGroups)
    {
        if (user.Email is not null)
        {
            claims["email"] = user.Email;
            claims["email_verified"] = true;
        }

        if (user.Name is not null)
        {
            claims["name"] = user.Name;
        }

        if (includeGroups)
        {
            claims[GroupsClaim] = user.Groups.ToArray();
        }
    }

    private string Sign(Dictionary<string, object> claims)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = _keyId }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private IResult Refuse(string reason)
    {
        _errors.Enqueue(reason);
        return Results.BadRequest(reason);
    }

    private IResult TokenError(string error, string reason)
    {
        _errors.Enqueue(reason);
        return Results.Json(new { error, error_description = reason }, statusCode: StatusCodes.Status400BadRequest);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record PendingCode(FakeOidcUser User, string RedirectUri, string Nonce, string CodeChallenge);
}
