namespace Dashboard.Core.Policies;

/// <summary>Who a policy lets in, from narrowest to widest. Ordered so that a larger value is always more open.</summary>
public enum Exposure
{
    /// <summary>The document could not be read, so nothing is known: never treat as safe.</summary>
    NotEvaluated = 0,

    /// <summary>No statement grants anything beyond the owner account (and the trusted accounts passed in).</summary>
    OwnerOnly = 1,

    /// <summary>Anyone, but only within an organization, a network (VPC, VPC endpoint, private or narrow IP range) or on behalf of a named resource.</summary>
    Restricted = 2,

    /// <summary>Named principals outside the owner account: other account ids, canonical users, other organizations.</summary>
    CrossAccount = 3,

    /// <summary>Anyone at all.</summary>
    Public = 4,
}

/// <summary>What an access analysis needs to know about the account that owns the policy.</summary>
/// <param name="OwnerAccountId">The account that owns the resource or role.</param>
public sealed record AccessOptions(string OwnerAccountId)
{
    /// <summary>Accounts to treat like the owner (for example the organization's other accounts, or approved vendors).</summary>
    public IReadOnlyCollection<string> TrustedAccountIds { get; init; } = [];

    /// <summary>The owner's organization id when known; an aws:PrincipalOrgID naming another organization is then cross-account.</summary>
    public string? OrganizationId { get; init; }

    public bool IsTrusted(string accountId) =>
        accountId == OwnerAccountId || TrustedAccountIds.Contains(accountId, StringComparer.Ordinal);
}

/// <summary>What one Allow statement with a principal grants, after its conditions and the document's Deny statements.</summary>
/// <param name="Index">Zero-based position of the statement in the document.</param>
/// <param name="ExternalAccountIds">Account ids outside the owner (and trusted) accounts that the statement lets in.</param>
/// <param name="OtherPrincipals">Principals outside the owner account that are not account ids: canonical users, other organizations, unreadable forms.</param>
/// <param name="Limits">What keeps an otherwise open statement from being public: organization, network or source-resource conditions.</param>
public sealed record StatementAccess(
    int Index,
    PolicyStatement Statement,
    Exposure Exposure,
    IReadOnlyList<string> ExternalAccountIds,
    IReadOnlyList<string> OtherPrincipals,
    IReadOnlyList<string> Limits,
    string Reason)
{
    /// <summary>The statement's Sid, or "statement N" (1-based) when it has none.</summary>
    public string Name => Statement.Sid is { Length: > 0 } sid ? sid : $"statement {Index + 1}";
}

/// <summary>The exposure of a whole document: the widest of its statements, or NotEvaluated with the reason the document could not be read.</summary>
public sealed record AccessReport
{
    public required Exposure Exposure { get; init; }

    /// <summary>Why the document could not be evaluated; set only with <see cref="Exposure.NotEvaluated"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Every Allow statement that names a principal, with what it grants.</summary>
    public IReadOnlyList<StatementAccess> Statements { get; init; } = [];

    public bool Evaluated => Exposure != Exposure.NotEvaluated;
    public bool IsPublic => Exposure == Exposure.Public;

    public IReadOnlyList<string> ExternalAccountIds =>
        Statements.SelectMany(s => s.ExternalAccountIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> OtherPrincipals =>
        Statements.SelectMany(s => s.OtherPrincipals).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The statements that make the document as open as it is.</summary>
    public IEnumerable<StatementAccess> Widest => Statements.Where(s => s.Exposure == Exposure && Exposure > Exposure.OwnerOnly);
}
