namespace Dashboard.Core.Policies;

public enum PolicyEffect
{
    Allow = 0,
    Deny = 1,
}

/// <summary>
/// One statement. Action and Resource are empty when the statement uses NotAction / NotResource instead;
/// NotAction, NotResource and NotPrincipal are null when absent, so "absent" and "empty" stay distinguishable.
/// </summary>
public sealed record PolicyStatement
{
    public string? Sid { get; init; }
    public required PolicyEffect Effect { get; init; }
    public PolicyPrincipal? Principal { get; init; }
    public PolicyPrincipal? NotPrincipal { get; init; }
    public IReadOnlyList<string> Actions { get; init; } = [];
    public IReadOnlyList<string>? NotActions { get; init; }
    public IReadOnlyList<string> Resources { get; init; } = [];
    public IReadOnlyList<string>? NotResources { get; init; }
    public IReadOnlyList<PolicyCondition> Conditions { get; init; } = [];

    /// <summary>Whether the statement's Action (or NotAction) covers <paramref name="action"/>, honouring IAM wildcards.</summary>
    public bool CoversAction(string action) =>
        NotActions is { } excluded
            ? !excluded.Any(pattern => PolicyWildcard.Matches(pattern, action))
            : Actions.Any(pattern => PolicyWildcard.Matches(pattern, action));

    /// <summary>The conditions on one key; condition keys are case-insensitive.</summary>
    public IEnumerable<PolicyCondition> ConditionsOn(string key) =>
        Conditions.Where(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
}
