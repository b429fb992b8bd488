using System.Security.Claims;
using System.Text.Json;

namespace Dashboard.Web.Security;

/// <summary>
/// Turns the identity provider's group or role claims into dashboard roles, using the configured
/// <c>Authentication:Oidc:RoleMappings</c> (dashboard role → claim values). Claim values match case-insensitively;
/// values that no mapping names are ignored. The result is exactly the roles the user should hold.
/// </summary>
public sealed class OidcRoleMapper
{
    private readonly Dictionary<string, HashSet<string>> _rolesByClaimValue = new(StringComparer.OrdinalIgnoreCase);

    public OidcRoleMapper(string roleClaimType, IReadOnlyDictionary<string, string[]> roleMappings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleClaimType);
        RoleClaimType = roleClaimType;
        foreach (var (roleName, claimValues) in roleMappings)
        {
            // Configuration keys are case-insensitive; unknown names are refused at start (OidcOptionsValidator).
            var role = CanonicalRole(roleName);
            if (role is null)
            {
                continue;
            }

            foreach (var value in claimValues.Select(v => v?.Trim()).Where(v => !string.IsNullOrEmpty(v)))
            {
                if (!_rolesByClaimValue.TryGetValue(value!, out var roles))
                {
                    roles = new HashSet<string>(StringComparer.Ordinal);
                    _rolesByClaimValue[value!] = roles;
                }

                roles.Add(role);
            }
        }
    }

    /// <summary>The claim type that carries the groups or roles, e.g. "groups" or "roles".</summary>
    public string RoleClaimType { get; }

    /// <summary>Whether any claim value is mapped to a role at all.</summary>
    public bool HasMappings => _rolesByClaimValue.Count > 0;

    /// <summary>The dashboard role spelled as in <see cref="Roles.All"/>, or null for an unknown name.</summary>
    public static string? CanonicalRole(string name) =>
        Roles.All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The dashboard roles for these claims, in the order of <see cref="Roles.All"/>; empty when none maps.</summary>
    public IReadOnlyList<string> Map(IEnumerable<Claim> claims)
    {
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in ClaimValues(claims, RoleClaimType))
        {
            if (_rolesByClaimValue.TryGetValue(value, out var roles))
            {
                granted.UnionWith(roles);
            }
        }

        return Roles.All.Where(granted.Contains).ToList();
    }

    /// <summary>
    /// The values of every claim of <paramref name="claimType"/>. A JSON array is one claim per element after the
    /// token handler reads it, but some providers send the array as one JSON string value; both are accepted.
    /// </summary>
    public static IReadOnlyList<string> ClaimValues(IEnumerable<Claim> claims, string claimType)
    {
        var values = new List<string>();
        foreach (var claim in claims.Where(c => string.Equals(c.Type, claimType, StringComparison.OrdinalIgnoreCase)))
        {
            var value = claim.Value.Trim();
            if (value.StartsWith('[') && TryParseArray(value, out var elements))
            {
                values.AddRange(elements);
            }
            else if (value.Length > 0)
            {
                values.Add(value);
            }
        }

        return values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static bool TryParseArray(string json, out List<string> elements)
    {
        elements = [];
        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var text = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
                if (!string.IsNullOrWhiteSpace(text))
                {
                    elements.Add(text.Trim());
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
