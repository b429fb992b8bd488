namespace Dashboard.Core.Policies;

/// <summary>How close a set of permissions comes to administrator access. A larger value is more powerful.</summary>
public enum AdminAccess
{
    /// <summary>The document could not be read, so nothing is known: never treat as safe.</summary>
    NotEvaluated = 0,

    None = 1,

    /// <summary>iam:PassRole on every role together with an action that runs code or a stack under a passed role.</summary>
    PassRoleEscalation = 2,

    /// <summary>An IAM action that rewrites permissions (attach or put a policy, new default version, ...) on every resource.</summary>
    PermissionsEscalation = 3,

    /// <summary>Every action on every resource: Action "*" (or "*:*"), or Allow with NotAction, on Resource "*" or NotResource.</summary>
    Full = 4,
}

/// <summary>The admin-equivalence verdict for one document, with the statements that decided it.</summary>
public sealed record AdminReport
{
    public required AdminAccess Access { get; init; }

    /// <summary>Why, or why the document could not be evaluated.</summary>
    public required string Reason { get; init; }

    public IReadOnlyList<string> Statements { get; init; } = [];

    public bool Evaluated => Access != AdminAccess.NotEvaluated;
}

/// <summary>Severity levels of the wildcard rule (checklist X14); the names match <c>Checks.Severity</c>.</summary>
public enum WildcardLevel
{
    None = 0,

    /// <summary>Resource "*" together with write or permissions-management actions.</summary>
    Medium = 2,

    /// <summary>A whole-service action wildcard such as iam:*, or every action on some resources.</summary>
    High = 3,

    /// <summary>Every action on every resource.</summary>
    Critical = 4,
}

/// <summary>The most serious wildcard use of one Allow statement.</summary>
public sealed record WildcardFinding(int Index, string Name, WildcardLevel Level, string Description);

/// <summary>Every Allow statement that uses wildcards badly, or NotEvaluated with the reason the document could not be read.</summary>
public sealed record WildcardReport
{
    public bool Evaluated { get; init; } = true;
    public string? Error { get; init; }
    public IReadOnlyList<WildcardFinding> Findings { get; init; } = [];

    public WildcardLevel Level => Findings.Count == 0 ? WildcardLevel.None : Findings.Max(f => f.Level);
}

/// <summary>
/// Admin-equivalence and wildcard rules for identity policies (and permissions boundaries).
/// <para>Admin rule: an Allow statement grants <see cref="AdminAccess.Full"/> when it covers every action (an
/// all-matching Action pattern, or any NotAction) on every resource (an all-matching Resource pattern, any NotResource, or
/// none). It grants <see cref="AdminAccess.PermissionsEscalation"/> when, on every resource, it covers one of
/// <see cref="PolicyActions.SelfEscalationActions"/> (so iam:* qualifies); and the document grants
/// <see cref="AdminAccess.PassRoleEscalation"/> when it allows iam:PassRole on every resource and also one of
/// <see cref="PolicyActions.RunAsRoleActions"/>. Conditions on the Allow are ignored (an admin grant behind MFA is still
/// admin). Only a Deny with no condition that covers the same action on every resource cancels a grant.</para>
/// </summary>
internal static class PolicyPrivileges
{
    public static AdminReport Admin(PolicyDocument document)
    {
        var statements = document.Statements;
        var unconditionalDenies = statements.Where(s => s.IsEnforceableDeny && s.Conditions.Count == 0 && s.NotPrincipal is null
            && s.NotActions is null && s.NotResources is null && s.Resources.Any(PolicyResources.MatchesEveryResource)).ToList();
        var denyAll = unconditionalDenies.Any(d => d.Actions.Any(PolicyActions.MatchesEveryAction));
        if (denyAll)
        {
            return new AdminReport { Access = AdminAccess.None, Reason = "a Deny without conditions covers every action on every resource" };
        }

        bool Denied(string action) => unconditionalDenies.Any(d => d.CoversAction(action));

        var allows = statements.Select((s, i) => (Statement: s, Name: Name(s, i)))
            .Where(x => x.Statement.IsAllow && x.Statement.CoversAllResources)
            .ToList();

        var full = allows.Where(x => x.Statement.CoversAllActions).ToList();
        if (full.Count > 0)
        {
            var how = full[0].Statement.NotActions is not null ? "NotAction" : "Action \"*\"";
            return new AdminReport
            {
                Access = AdminAccess.Full,
                Reason = $"{full[0].Name} allows every action ({how}) on every resource",
                Statements = [.. full.Select(x => x.Name)],
            };
        }

        var escalation = allows
            .SelectMany(x => PolicyActions.SelfEscalationActions.Where(a => x.Statement.CoversAction(a) && !Denied(a)).Select(a => (x.Name, Action: a)))
            .ToList();
        if (escalation.Count > 0)
        {
            return new AdminReport
            {
                Access = AdminAccess.PermissionsEscalation,
                Reason = $"{escalation[0].Name} allows {string.Join(", ", escalation.Select(e => e.Action).Distinct(StringComparer.Ordinal).Take(4))} on every resource, "
                    + "so the holder can grant itself any permission",
                Statements = [.. escalation.Select(e => e.Name).Distinct(StringComparer.Ordinal)],
            };
        }

        var passRole = allows.Where(x => x.Statement.CoversAction("iam:PassRole")).ToList();
        var runAs = statements.Select((s, i) => (Statement: s, Name: Name(s, i)))
            .Where(x => x.Statement.IsAllow)
            .SelectMany(x => PolicyActions.RunAsRoleActions.Where(a => x.Statement.CoversAction(a) && !Denied(a)).Select(a => (x.Name, Action: a)))
            .ToList();
        if (passRole.Count > 0 && runAs.Count > 0 && !Denied("iam:PassRole"))
        {
            return new AdminReport
            {
                Access = AdminAccess.PassRoleEscalation,
                Reason = $"{passRole[0].Name} allows iam:PassRole on every role and {runAs[0].Name} allows {runAs[0].Action}, "
                    + "so the holder can run code as any role, administrators included",
                Statements = [.. passRole.Select(p => p.Name).Concat(runAs.Select(r => r.Name)).Distinct(StringComparer.Ordinal)],
            };
        }

        return new AdminReport { Access = AdminAccess.None, Reason = "no statement grants administrator-equivalent access" };
    }

    /// <summary>Checklist X14 per Allow statement: Critical, High or Medium as described on <see cref="WildcardLevel"/>. Deny statements are ignored.</summary>
    public static WildcardReport Wildcards(PolicyDocument document)
    {
        var findings = new List<WildcardFinding>();
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var statement = document.Statements[i];
            if (!statement.IsAllow)
            {
                continue;
            }

            var name = Name(statement, i);
            var allResources = statement.CoversAllResources;
            if (statement.CoversAllActions && allResources)
            {
                findings.Add(new WildcardFinding(i, name, WildcardLevel.Critical,
                    $"{name} allows every action ({(statement.NotActions is null ? "Action \"*\"" : "NotAction")}) on every resource"));
                continue;
            }

            var broad = statement.Actions.Where(a => PolicyActions.Breadth(a) >= ActionBreadth.Service).ToList();
            if (statement.NotActions is not null || broad.Count > 0)
            {
                var what = statement.NotActions is not null ? "every action except a list (NotAction)" : string.Join(", ", broad.Distinct(StringComparer.Ordinal).Take(5));
                findings.Add(new WildcardFinding(i, name, WildcardLevel.High, $"{name} allows {what}"));
                continue;
            }

            var writes = statement.Actions.Where(a => !PolicyActions.IsReadOnly(a)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (allResources && writes.Count > 0)
            {
                findings.Add(new WildcardFinding(i, name, WildcardLevel.Medium,
                    $"{name} allows write or permissions-management actions ({string.Join(", ", writes.Take(5))}{(writes.Count > 5 ? ", ..." : "")}) on every resource"));
            }
        }

        return new WildcardReport { Findings = findings };
    }

    private static string Name(PolicyStatement statement, int index) =>
        statement.Sid is { Length: > 0 } sid ? sid : $"statement {index + 1}";
}
