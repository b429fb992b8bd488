using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Dashboard.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// Personal API tokens: "dsh_&lt;id&gt;_&lt;secret&gt;". The id finds the row; only SHA-256 of the secret is stored and
/// compared in constant time. A token acts as its user with the user's current roles, and stops working when it
/// expires, is revoked, or the user is disabled or deleted.
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, AuditLog audit)
{
    public const string Scheme = "ApiToken";
    public const int MaxLifetimeDays = 366;
    private const string Marker = "dsh_";

    public sealed record CreatedToken(int Id, string Token, DateTimeOffset ExpiresAt);

    public async Task<CreatedToken> CreateAsync(AppUser user, string name, int lifetimeDays)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            throw new ArgumentException("Give the token a name of 1 to 100 characters.", nameof(name));
        }

        if (lifetimeDays is < 1 or > MaxLifetimeDays)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetimeDays), $"A token lives 1 to {MaxLifetimeDays} days.");
        }

        var id = Base32(RandomNumberGenerator.GetBytes(10));
        var secret = Base32(RandomNumberGenerator.GetBytes(30));
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            UserId = user.Id,
            Name = name,
            Prefix = Marker + id,
            SecretHash = SHA256.HashData(Encoding.ASCII.GetBytes(secret)),
            CreatedAt = now,
            ExpiresAt = now.AddDays(lifetimeDays),
        };
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync();
        }

        await audit.WriteAsync("token.created", user.Email ?? user.Id, user.Id, target: $"token:{token.Prefix}",
            after: new { token.Name, token.ExpiresAt });
        return new CreatedToken(token.Id, $"{token.Prefix}_{secret}", token.ExpiresAt);
    }

    public async Task<bool> RevokeAsync(AppUser actor, int tokenId, bool asAdmin)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && (asAdmin || t.UserId == actor.Id));
        if (token is null || token.RevokedAt is not null)
        {
            return false;
        }

        token.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        await audit.WriteAsync("token.revoked", actor.Email ?? actor.Id, actor.Id, target: $"token:{token.Prefix}");
        return true;
    }

    /// <summary>The user id a presented token stands for, or null with the reason it was refused.</summary>
    public async Task<(string? UserId, string? Failure)> ValidateAsync(string presented)
    {
        var parts = presented.Split('_');
        if (parts.Length != 3 || parts[0] + "_" != Marker || parts[1].Length != 16 || parts[2].Length != 48)
        {
            return (null, "malformed token");
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var prefix = Marker + parts[1];
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Prefix == prefix);
        var presentedHash = SHA256.HashData(Encoding.ASCII.GetBytes(parts[2]));
        if (token is null || !CryptographicOperations.FixedTimeEquals(token.SecretHash, presentedHash))
        {
            return (null, "unknown token");
        }

        var now = clock.GetUtcNow();
        if (token.RevokedAt is not null)
        {
            return (null, "token revoked");
        }

        if (token.ExpiresAt <= now)
        {
            return (null, "token expired");
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync();
        }

        return (token.UserId, null);
    }

    private static string Base32(byte[] bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var output = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            output.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return output.ToString();
    }
}

/// <summary>Authenticates "Authorization: Bearer dsh_..." as the token's user, with that user's current roles.</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var (userId, failure) = await tokens.ValidateAsync(header["Bearer ".Length..].Trim());
        if (userId is null)
        {
            return AuthenticateResult.Fail(failure ?? "invalid token");
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null || user.IsDisabled)
        {
            return AuthenticateResult.Fail("token owner is disabled or deleted");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, ApiTokenService.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiTokenService.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"dashboard\"";
        return Task.CompletedTask;
    }
}
