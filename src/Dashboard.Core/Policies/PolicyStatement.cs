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

    /// <summary>The Effect text as the document wrote it; "Allow" or "Deny" in any case.</summary>
    public string EffectAsWritten { get; init; } = "";

    public PolicyPrincipal? Principal { get; init; }
    public PolicyPrincipal? NotPrincipal { get; init; }
    public IReadOnlyList<string> Actions { get; init; } = [];
    public IReadOnlyList<string>? NotActions { get; init; }
    public IReadOnlyList<string> Resources { get; init; } = [];
    public IReadOnlyList<string>? NotResources { get; init; }
    public IReadOnlyList<PolicyCondition> Conditions { get; init; } = [];

    public bool IsAllow => Effect == PolicyEffect.Allow;

    /// <summary>
    /// A Deny that analyses may rely on to take access away. A Deny spelled in another case ("deny") is read, but
    /// not trusted to restrict: whether AWS would enforce it is not something this library can prove.
    /// </summary>
    public bool IsEnforceableDeny => Effect == PolicyEffect.Deny && (EffectAsWritten.Length == 0 || EffectAsWritten == "Deny");

    /// <summary>Whether the statement's Action (or NotAction) covers <paramref name="action"/>, honouring IAM wildcards.</summary>
    public bool CoversAction(string action) =>
        NotActions is { } excluded
            ? !excluded.Any(pattern => PolicyWildcard.Matches(pattern, action))
            : Actions.Any(pattern => PolicyWildcard.Matches(pattern, action));

    /// <summary>
    /// Whether the statement applies to every action: an Action pattern that matches all actions ("*", "*:*"), or any
    /// NotAction (it grants everything except a list, and a list of unknown or misspelt actions excludes nothing).
    /// </summary>
    public bool CoversAllActions => NotActions is not null || Actions.Any(PolicyActions.MatchesEveryAction);

    /// <summary>
    /// Whether the statement applies to every resource: a Resource pattern that matches all ARNs ("*", "arn:aws:*"),
    /// any NotResource (everything except a list), or no resource element at all (trust policies have none).
    /// </summary>
    public bool CoversAllResources =>
        NotResources is not null || Resources.Count == 0 || Resources.Any(PolicyResources.MatchesEveryResource);

    /// <summary>The conditions on one key; condition keys are case-insensitive.</summary>
    public IEnumerable<PolicyCondition> ConditionsOn(string key) =>
        Conditions.Where(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
}
