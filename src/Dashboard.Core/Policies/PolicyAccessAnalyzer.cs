using System.Net;
using System.Net.Sockets;

namespace Dashboard.Core.Policies;

/// <summary>
/// Works out who the Allow statements of a resource or trust policy let in. The rules, all conservative (when in doubt
/// a statement stays open):
/// <list type="bullet">
/// <item>Principal "*", {"AWS": "*"}, an ARN with a wildcard account, or Allow with NotPrincipal: anyone.</item>
/// <item>A condition narrows a statement only with a positive operator (no IfExists, no ForAllValues, no negation), a
/// known key and concrete values: account keys (aws:SourceAccount, aws:PrincipalAccount, aws:SourceOwner,
/// kms:CallerAccount), ARN keys (aws:SourceArn, aws:PrincipalArn: the ARN's account), organization keys
/// (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:SourceOrgID, aws:SourceOrgPaths), network keys (aws:SourceVpce,
/// aws:SourceVpc, aws:SourceIp and aws:VpcSourceIp with a private or narrow range). Unknown operators narrow nothing.</item>
/// <item>A Deny for everyone that covers the Allow's actions and resources takes access away: without conditions
/// entirely; with negated conditions on the same keys (StringNotEquals aws:PrincipalOrgID ...) down to what they name;
/// with NotPrincipal down to the listed accounts.</item>
/// </list>
/// </summary>
internal static class PolicyAccessAnalyzer
{
    private static readonly string[] AccountKeys = ["aws:SourceAccount", "aws:PrincipalAccount", "aws:SourceOwner", "kms:CallerAccount"];
    private static readonly string[] ArnKeys = ["aws:SourceArn", "aws:PrincipalArn"];
    private static readonly string[] OrgIdKeys = ["aws:PrincipalOrgID", "aws:SourceOrgID"];
    private static readonly string[] OrgPathKeys = ["aws:PrincipalOrgPaths", "aws:SourceOrgPaths"];
    private static readonly string[] NetworkIdKeys = ["aws:SourceVpce", "aws:SourceVpc"];
    private static readonly string[] IpKeys = ["aws:SourceIp", "aws:VpcSourceIp"];

    public static AccessReport Analyze(PolicyDocument document, AccessOptions options)
    {
        var denies = document.Statements.Where(s => s.IsEnforceableDeny).ToList();
        var grants = new List<StatementAccess>();
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var statement = document.Statements[i];
            if (statement.IsAllow && (statement.Principal is not null || statement.NotPrincipal is not null))
            {
                grants.Add(Grant(i, statement, denies, document, options));
            }
        }

        return new AccessReport
        {
            Exposure = grants.Count == 0 ? Exposure.OwnerOnly : grants.Max(g => g.Exposure),
            Statements = grants,
        };
    }

    private static StatementAccess Grant(int index, PolicyStatement statement, List<PolicyStatement> denies, PolicyDocument document, AccessOptions options)
    {
        var notes = new List<string>();
        var reach = PrincipalReach(statement, notes);
        var opened = reach.Everyone != Openness.None;

        foreach (var condition in statement.Conditions)
        {
            if (AllowRestriction(condition, document, options) is { } restriction)
            {
                reach = reach.Intersect(restriction);
            }
        }

        if (opened && reach.Everyone == Openness.Unlimited && statement.Conditions.Count > 0)
        {
            notes.Add("its conditions do not limit who can use it");
        }

        foreach (var deny in denies)
        {
            if (DenyCovers(deny, statement) && DenyRestriction(deny, document, options) is { } restriction)
            {
                reach = reach.Intersect(restriction);
                notes.Add($"a Deny ({deny.Sid ?? "without Sid"}) narrows it");
            }
        }

        var external = reach.Accounts.Where(a => !options.IsTrusted(a)).Order(StringComparer.Ordinal).ToList();
        var exposure = reach.Everyone == Openness.Unlimited ? Exposure.Public
            : external.Count > 0 || reach.Others.Count > 0 ? Exposure.CrossAccount
            : reach.Everyone == Openness.Limited ? Exposure.Restricted
            : Exposure.OwnerOnly;
        var reason = exposure switch
        {
            Exposure.Public => "open to anyone",
            Exposure.CrossAccount => "open to " + string.Join(", ", external.Select(a => $"account {a}").Concat(reach.Others)),
            Exposure.Restricted => "open only " + string.Join(" and ", reach.Limits),
            _ => "limited to the owner account",
        };
        if (notes.Count > 0)
        {
            reason += " (" + string.Join("; ", notes) + ")";
        }

        return new StatementAccess(index, statement, exposure, external, [.. reach.Others], [.. reach.Limits], reason);
    }

    /// <summary>Who the Principal (or NotPrincipal) element names, before conditions.</summary>
    private static Reach PrincipalReach(PolicyStatement statement, List<string> notes)
    {
        if (statement.NotPrincipal is not null)
        {
            notes.Add("Allow with NotPrincipal grants everyone except the listed principals");
            return Reach.Anyone;
        }

        var principal = statement.Principal!;
        if (principal.IsWildcard)
        {
            return Reach.Anyone;
        }

        var reach = Reach.Nobody;
        foreach (var (type, values) in principal.Values)
        {
            foreach (var value in values)
            {
                reach = reach.Union(OnePrincipal(type, value, statement, notes));
            }
        }

        return reach;
    }

    private static Reach OnePrincipal(string type, string value, PolicyStatement statement, List<string> notes)
    {
        if (value == "*")
        {
            return Reach.Anyone;
        }

        if (!type.Equals("Service", StringComparison.OrdinalIgnoreCase) && PolicyWildcard.HasWildcard(value) && PolicyArn.AccountOf(value) is null)
        {
            // IAM does not accept wildcards in principals other than "*"; when one is there anyway, assume the widest reading.
            return Reach.Anyone;
        }

        if (type.Equals("AWS", StringComparison.OrdinalIgnoreCase))
        {
            if (PolicyArn.IsAccountId(value))
            {
                return Reach.OfAccounts(value);
            }

            if (PolicyArn.IsUniqueId(value))
            {
                notes.Add($"principal {value} is a dangling unique id (its user or role was deleted)");
                return Reach.Nobody;
            }

            var account = PolicyArn.AccountOf(value);
            return account switch
            {
                null => Reach.OfOther($"unrecognised principal {value}"),
                _ when PolicyArn.IsPattern(account) => Reach.Anyone,
                _ when PolicyArn.IsAccountId(account) => Reach.OfAccounts(account),
                "cloudfront" => Reach.Nobody,
                _ => Reach.OfOther($"unrecognised principal {value}"),
            };
        }

        if (type.Equals("Service", StringComparison.OrdinalIgnoreCase))
        {
            // A service principal acts for whoever calls the service; confused-deputy protection is a separate question.
            return Reach.Nobody;
        }

        if (type.Equals("Federated", StringComparison.OrdinalIgnoreCase))
        {
            var account = PolicyArn.AccountOf(value);
            if (account is not null)
            {
                return PolicyArn.IsAccountId(account) ? Reach.OfAccounts(account) : Reach.Anyone;
            }

            // A public identity provider (accounts.google.com, cognito-identity.amazonaws.com, ...) vouches for anyone
            // unless the audience is pinned to the owner's application or identity pool.
            var audience = statement.ConditionsOn($"{value}:aud")
                .Any(c => c.IsKnown && !c.IsNegated && !c.IfExists && !c.IsForAllValues && c.Family == ConditionFamily.Text
                    && c.Values.Count > 0 && c.Values.All(v => v.Length > 0 && !PolicyArn.IsPattern(v)));
            return audience ? Reach.Within($"to {value} users of the named audience") : Reach.Anyone;
        }

        if (type.Equals("CanonicalUser", StringComparison.OrdinalIgnoreCase))
        {
            return Reach.OfOther($"canonical user {value}");
        }

        return Reach.OfOther($"principal {type}:{value}");
    }

    /// <summary>The audience a condition of an Allow limits the statement to, or null when it limits nothing for sure.</summary>
    private static Reach? AllowRestriction(PolicyCondition condition, PolicyDocument document, AccessOptions options) =>
        !condition.IsKnown || condition.IsNegated || condition.IfExists || condition.IsForAllValues
            ? null
            : Restriction(condition, document, options);

    /// <summary>
    /// The audience left by a Deny's condition: StringNotEquals aws:PrincipalOrgID o-1 denies everyone outside o-1. Negated
    /// operators are true when the key is missing, so the Deny also catches callers without the key; IfExists keeps that.
    /// A set qualifier changes how a missing key is read, so it is not trusted here.
    /// </summary>
    private static Reach? DenyRestriction(PolicyCondition condition, PolicyDocument document, AccessOptions options) =>
        !condition.IsKnown || !condition.IsNegated || condition.SetQualifier is not null
            ? null
            : Restriction(condition, document, options);

    private static Reach? Restriction(PolicyCondition condition, PolicyDocument document, AccessOptions options)
    {
        if (condition.Values.Count == 0)
        {
            return null;
        }

        var key = condition.Key;
        var family = condition.Family;
        if (IsOneOf(key, AccountKeys) && family == ConditionFamily.Text)
        {
            var accounts = condition.Values.Select(v => AccountValue(v, document, options)).ToList();
            return accounts.All(a => a is not null) ? Reach.OfAccounts([.. accounts!]) : null;
        }

        if (IsOneOf(key, ArnKeys) && family is ConditionFamily.Text or ConditionFamily.Arn)
        {
            Reach? union = Reach.Nobody;
            foreach (var value in condition.Values)
            {
                union = ArnValue(value, key) is { } one ? union.Union(one) : null;
                if (union is null)
                {
                    return null;
                }
            }

            return union;
        }

        if (IsOneOf(key, OrgIdKeys) && family == ConditionFamily.Text)
        {
            return Organizations(condition.Values.Select(v => OrgIdValue(v, document, options)).ToList(), options);
        }

        if (IsOneOf(key, OrgPathKeys) && family == ConditionFamily.Text)
        {
            return Organizations(condition.Values.Select(OrgPathValue).ToList(), options);
        }

        if (IsOneOf(key, NetworkIdKeys) && family == ConditionFamily.Text)
        {
            var what = key.EndsWith("Vpce", StringComparison.OrdinalIgnoreCase) ? "VPC endpoint" : "VPC";
            return condition.Values.All(v => v.Length > 0 && !PolicyArn.IsPattern(v))
                ? Reach.Within($"through {what} {string.Join(", ", condition.Values)}")
                : null;
        }

        if (IsOneOf(key, IpKeys) && family == ConditionFamily.IpAddress)
        {
            return condition.Values.All(IsNarrowRange)
                ? Reach.Within($"from {string.Join(", ", condition.Values)}")
                : null;
        }

        return null;
    }

    private static string? AccountValue(string value, PolicyDocument document, AccessOptions options) =>
        PolicyArn.IsAccountId(value) ? value
        : document.ExpandsVariables && value.Equals("${aws:ResourceAccount}", StringComparison.OrdinalIgnoreCase) ? options.OwnerAccountId
        : null;

    private static Reach? ArnValue(string value, string key)
    {
        var account = PolicyArn.AccountOf(value);
        if (account is null || PolicyArn.IsPattern(account))
        {
            return null;
        }

        if (PolicyArn.IsAccountId(account))
        {
            return Reach.OfAccounts(account);
        }

        // ARNs without an account (S3 buckets) name one resource; a pattern could name one an attacker creates.
        return account.Length == 0 && !PolicyArn.IsPattern(value) && key.Equals("aws:SourceArn", StringComparison.OrdinalIgnoreCase)
            ? Reach.Within($"on behalf of {value}")
            : null;
    }

    private static string? OrgIdValue(string value, PolicyDocument document, AccessOptions options)
    {
        if (document.ExpandsVariables && value.Equals("${aws:ResourceOrgID}", StringComparison.OrdinalIgnoreCase))
        {
            return options.OrganizationId ?? "the owner's organization";
        }

        return IsOrgId(value) ? value : null;
    }

    /// <summary>The organization id at the start of an organization path such as o-abc123/r-ab12/ou-ab12-11111111/*.</summary>
    private static string? OrgPathValue(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var orgId = slash < 0 ? value : value[..slash];
        return IsOrgId(orgId) ? orgId : null;
    }

    private static bool IsOrgId(string value) =>
        value.Length > 2 && value.StartsWith("o-", StringComparison.Ordinal) && value.Skip(2).All(char.IsAsciiLetterOrDigit);

    private static Reach? Organizations(List<string?> orgIds, AccessOptions options)
    {
        if (orgIds.Count == 0 || orgIds.Any(o => o is null))
        {
            return null;
        }

        var reach = Reach.Nobody;
        foreach (var orgId in orgIds.Distinct(StringComparer.Ordinal))
        {
            reach = reach.Union(options.OrganizationId is { } own && orgId != own && orgId != "the owner's organization"
                ? Reach.OfOther($"principals in organization {orgId}")
                : Reach.Within($"within organization {orgId}"));
        }

        return reach;
    }

    /// <summary>
    /// A source-IP range narrows a statement when it is private (RFC 1918, unique-local IPv6, loopback, CGNAT) or at most
    /// a /16 of IPv4 or a /48 of IPv6. 0.0.0.0/0, ::/0 and other wide ranges leave it open.
    /// </summary>
    private static bool IsNarrowRange(string value)
    {
        var text = value.Trim();
        IPNetwork network;
        if (text.Contains('/', StringComparison.Ordinal))
        {
            if (!IPNetwork.TryParse(text, out network))
            {
                return false;
            }
        }
        else if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        }
        else
        {
            return false;
        }

        if (network.BaseAddress.IsIPv4MappedToIPv6)
        {
            // ::ffff:0:0/96 is every IPv4 address written as IPv6: judge the IPv4 range it stands for.
            network = network.PrefixLength >= 96
                ? new IPNetwork(network.BaseAddress.MapToIPv4(), network.PrefixLength - 96)
                : new IPNetwork(IPAddress.Any, 0);
        }

        if (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
        {
            return network.PrefixLength >= 16 || IsPrivate(network, "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8");
        }

        return network.PrefixLength >= 48 || IsPrivate(network, "fc00::/7", "::1/128");
    }

    private static bool IsPrivate(IPNetwork network, params string[] ranges) =>
        ranges.Select(IPNetwork.Parse).Any(r => r.PrefixLength <= network.PrefixLength && r.Contains(network.BaseAddress));

    /// <summary>Whether a Deny applies to every request the Allow grants: same actions or more, same resources or more, everyone.</summary>
    private static bool DenyCovers(PolicyStatement deny, PolicyStatement allow)
    {
        // A Deny without any principal element is not valid in a resource policy; it is not trusted to restrict.
        var everyone = deny.NotPrincipal is not null
            || (deny.Principal is { } principal && (principal.IsWildcard || principal.Aws.Contains("*", StringComparer.Ordinal)));
        if (!everyone || deny.NotActions is not null || deny.NotResources is not null)
        {
            return false;
        }

        var actionsCovered = allow.NotActions is null
            ? allow.Actions.All(a => deny.Actions.Any(d => PolicyActions.Covers(d, a)))
            : deny.Actions.Any(PolicyActions.MatchesEveryAction);
        if (!actionsCovered)
        {
            return false;
        }

        return deny.Resources.Count == 0
            ? allow.Resources.Count == 0 && allow.NotResources is null
            : allow.NotResources is null
                ? allow.Resources.All(r => deny.Resources.Any(d => PolicyResources.Covers(d, r)))
                : deny.Resources.Any(PolicyResources.MatchesEveryResource);
    }

    /// <summary>
    /// Who is left after a Deny that covers the Allow: nobody when it has no condition, the listed principals' accounts for
    /// a NotPrincipal Deny, or the union of what its negated conditions spare (conditions must all hold for the Deny to
    /// apply, so failing any one of them is enough to get through). Null when the Deny cannot be read as a restriction.
    /// </summary>
    private static Reach? DenyRestriction(PolicyStatement deny, PolicyDocument document, AccessOptions options)
    {
        if (deny.NotPrincipal is not null)
        {
            if (deny.Conditions.Count > 0 || deny.NotPrincipal.IsWildcard)
            {
                return null;
            }

            var spared = Reach.Nobody;
            foreach (var (type, values) in deny.NotPrincipal.Values)
            {
                foreach (var value in values)
                {
                    var account = type.Equals("AWS", StringComparison.OrdinalIgnoreCase)
                        ? PolicyArn.IsAccountId(value) ? value : PolicyArn.AccountOf(value)
                        : null;
                    spared = spared.Union(account is not null && PolicyArn.IsAccountId(account)
                        ? Reach.OfAccounts(account)
                        : Reach.OfOther($"principal {type}:{value}"));
                }
            }

            return spared;
        }

        if (deny.Conditions.Count == 0)
        {
            return Reach.Nobody;
        }

        var union = Reach.Nobody;
        foreach (var condition in deny.Conditions)
        {
            if (DenyRestriction(condition, document, options) is not { } spared)
            {
                return null;
            }

            union = union.Union(spared);
        }

        return union;
    }

    private static bool IsOneOf(string key, string[] keys) => keys.Contains(key, StringComparer.OrdinalIgnoreCase);

    private enum Openness
    {
        None = 0,
        Limited = 1,
        Unlimited = 2,
    }

    /// <summary>
    /// A set of callers: "everyone" (unlimited, limited by organization/network, or not at all), plus named accounts and
    /// other named principals. Intersections over-approximate, so an analysis never shrinks access it cannot prove gone.
    /// </summary>
    private sealed record Reach(Openness Everyone, HashSet<string> Accounts, IReadOnlyList<string> Others, IReadOnlyList<string> Limits)
    {
        public static readonly Reach Nobody = new(Openness.None, new HashSet<string>(StringComparer.Ordinal), [], []);
        public static readonly Reach Anyone = Nobody with { Everyone = Openness.Unlimited };

        public static Reach OfAccounts(params string[] accounts) => Nobody with { Accounts = new HashSet<string>(accounts, StringComparer.Ordinal) };

        public static Reach OfOther(string principal) => Nobody with { Others = [principal] };

        public static Reach Within(string limit) => Nobody with { Everyone = Openness.Limited, Limits = [limit] };

        public Reach Union(Reach other) => new(
            (Openness)Math.Max((int)Everyone, (int)other.Everyone),
            new HashSet<string>(Accounts.Concat(other.Accounts), StringComparer.Ordinal),
            [.. Others.Concat(other.Others).Distinct(StringComparer.Ordinal)],
            [.. Limits.Concat(other.Limits).Distinct(StringComparer.Ordinal)]);

        /// <summary>
        /// This set of callers limited to <paramref name="audience"/>. "Everyone" becomes the audience itself. Named accounts
        /// stay only when the audience names them too, or when it is an organization or network limit they might meet.
        /// Other principals cannot be placed in or out of an audience, so they stay unless the audience is nobody.
        /// </summary>
        public Reach Intersect(Reach audience)
        {
            var fromEveryone = Everyone == Openness.None ? Nobody : audience;
            var keepAccounts = audience.Everyone != Openness.None || audience.Others.Count > 0;
            var accounts = Accounts.Where(a => keepAccounts || audience.Accounts.Contains(a));
            var audienceIsNobody = audience.Everyone == Openness.None && audience.Accounts.Count == 0 && audience.Others.Count == 0;
            return new Reach(
                fromEveryone.Everyone == Openness.None ? Openness.None : (Openness)Math.Min((int)Everyone, (int)fromEveryone.Everyone),
                new HashSet<string>(fromEveryone.Accounts.Concat(accounts), StringComparer.Ordinal),
                [.. fromEveryone.Others.Concat(audienceIsNobody ? [] : Others).Distinct(StringComparer.Ordinal)],
                fromEveryone.Everyone == Openness.None ? [] : [.. Limits.Concat(fromEveryone.Limits).Distinct(StringComparer.Ordinal)]);
        }
    }
}
