using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// One Allow statement of a trust policy that lets a web-identity provider call sts:AssumeRoleWithWebIdentity.
/// <paramref name="Provider"/> is the issuer path (also the prefix of its condition keys), e.g. oidc.eks.eu-west-1.amazonaws.com/id/ABC.
/// </summary>
internal sealed record OidcGrant(PolicyStatement Statement, string Provider, string Name)
{
    public string Key(string claim) => $"{Provider}:{claim}";

    /// <summary>Conditions on the claim that restrict it to listed values (see <see cref="OidcTrust.IsStringMatch"/>).</summary>
    public IReadOnlyList<PolicyCondition> Matching(string claim) => [.. Statement.ConditionsOn(Key(claim)).Where(OidcTrust.IsStringMatch)];

    public string Prefix(bool nameStatement) => nameStatement ? $"{Name}: " : "";
}

/// <summary>Shared reading of web-identity trust statements for the GitHub and the generic OIDC checks.</summary>
internal static class OidcTrust
{
    public const string WebIdentityAction = "sts:AssumeRoleWithWebIdentity";
    public const string StsAudience = "sts.amazonaws.com";
    private const string ProviderMarker = "oidc-provider/";

    /// <summary>
    /// Allow statements that let a provider call AssumeRoleWithWebIdentity, one per Federated principal. The provider is the
    /// path after "oidc-provider/" for an IAM OIDC provider ARN, or the principal itself for a public identity provider such
    /// as accounts.google.com or cognito-identity.amazonaws.com. SAML providers are not web identities and are skipped.
    /// </summary>
    public static IEnumerable<OidcGrant> Grants(PolicyDocument document)
    {
        var index = 0;
        foreach (var statement in document.Statements)
        {
            index++;
            if (!statement.IsAllow || !statement.CoversAction(WebIdentityAction) || statement.Principal is null)
            {
                continue;
            }

            foreach (var federated in statement.Principal.Federated)
            {
                var marker = federated.IndexOf(ProviderMarker, StringComparison.OrdinalIgnoreCase);
                var provider = marker >= 0 ? federated[(marker + ProviderMarker.Length)..]
                    : federated.StartsWith("arn:", StringComparison.OrdinalIgnoreCase) ? null
                    : federated;
                if (provider is { Length: > 0 })
                {
                    yield return new OidcGrant(statement, provider, statement.Sid ?? $"statement {index}");
                }
            }
        }
    }

    /// <summary>Operators that restrict a key to the listed values; negated and unknown operators never narrow who may assume the role.</summary>
    public static bool IsStringMatch(PolicyCondition condition) =>
        condition.Family == ConditionFamily.Text && !condition.IsNegated;

    /// <summary>Wildcards and policy variables make a value match more than its literal text; treat them as broad under any operator.</summary>
    public static bool IsPattern(string text) => PolicyArn.IsPattern(text);

    /// <summary>Problems with the aud claim: it must be present and allow only <paramref name="expected"/> (any literal when null).</summary>
    public static string? AudienceProblem(OidcGrant grant, bool nameStatement, string? expected)
    {
        var prefix = grant.Prefix(nameStatement);
        var audience = grant.Matching("aud");
        if (audience.Count == 0)
        {
            return prefix + $"no condition on the aud claim{(expected is null ? "" : $" (expected {expected})")}";
        }

        var accepted = audience.Any(c => c.Values.Count > 0 && c.Values.All(v => expected is null ? v.Length > 0 && !IsPattern(v) : v == expected));
        return accepted
            ? null
            : prefix + $"aud allows {PolicyContext.JoinValues(audience.SelectMany(c => c.Values))}, expected {(expected is null ? "named audiences only" : "only " + expected)}";
    }
}
