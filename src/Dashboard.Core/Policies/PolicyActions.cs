namespace Dashboard.Core.Policies;

/// <summary>How broad one Action pattern is.</summary>
public enum ActionBreadth
{
    /// <summary>Names one action, e.g. s3:GetObject.</summary>
    One = 0,

    /// <summary>A wildcard inside one service's actions, e.g. s3:Get*, ec2:*Instances.</summary>
    Partial = 1,

    /// <summary>Every action of one service, e.g. iam:*.</summary>
    Service = 2,

    /// <summary>Every action of every service: "*" or "*:*", or a pattern with a wildcard in the service name.</summary>
    Everything = 3,
}

/// <summary>Classifies IAM action patterns without a catalogue of AWS actions: by shape and by verb.</summary>
public static class PolicyActions
{
    /// <summary>
    /// Verbs whose actions only read. Anything else (Put, Create, Attach, Pass, Assume, Decrypt, Invoke, ...) counts as
    /// write or permissions management: a heuristic that errs towards flagging, as this library carries no catalogue of
    /// AWS actions and their access levels.
    /// </summary>
    private static readonly string[] ReadVerbs =
        ["Get", "List", "Describe", "Head", "View", "Search", "Lookup", "Query", "Scan", "Select", "BatchGet", "Check", "Filter", "Estimate", "Preview"];

    /// <summary>
    /// IAM actions that let a principal change its own permissions (or an identity it controls), making any grant of
    /// them on all resources equivalent to administrator access.
    /// </summary>
    public static readonly IReadOnlyList<string> SelfEscalationActions =
    [
        "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
        "iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy",
        "iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy",
        "iam:AddUserToGroup", "iam:UpdateAssumeRolePolicy",
    ];

    /// <summary>
    /// Actions that start compute or a deployment under a role chosen by the caller. Together with iam:PassRole on all
    /// roles they reach every role in the account, administrators included.
    /// </summary>
    public static readonly IReadOnlyList<string> RunAsRoleActions =
    [
        "ec2:RunInstances", "lambda:CreateFunction", "lambda:UpdateFunctionConfiguration", "ecs:RunTask", "ecs:RegisterTaskDefinition",
        "cloudformation:CreateStack", "cloudformation:UpdateStack", "glue:CreateDevEndpoint", "glue:CreateJob",
        "sagemaker:CreateNotebookInstance", "sagemaker:CreateTrainingJob", "codebuild:CreateProject", "datapipeline:CreatePipeline",
    ];

    public static ActionBreadth Breadth(string pattern)
    {
        if (!PolicyWildcard.HasWildcard(pattern))
        {
            return ActionBreadth.One;
        }

        if (MatchesEveryAction(pattern))
        {
            return ActionBreadth.Everything;
        }

        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || PolicyWildcard.HasWildcard(pattern[..colon]))
        {
            // "*Object" or "s*:Get*" cross service boundaries: treat as broad as possible.
            return ActionBreadth.Everything;
        }

        return pattern[(colon + 1)..].All(c => c == '*') ? ActionBreadth.Service : ActionBreadth.Partial;
    }

    /// <summary>Whether the pattern matches every action: "*", "**", "*:*" and the like.</summary>
    public static bool MatchesEveryAction(string pattern)
    {
        if (pattern.Length == 0)
        {
            return false;
        }

        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? pattern.All(c => c == '*')
            : colon > 0 && colon < pattern.Length - 1 && pattern.Remove(colon, 1).All(c => c == '*');
    }

    /// <summary>The service prefix of an action or pattern ("s3" for s3:Get*), or null when it has none or it is a wildcard.</summary>
    public static string? Service(string pattern)
    {
        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && !PolicyWildcard.HasWildcard(pattern[..colon]) ? pattern[..colon] : null;
    }

    /// <summary>
    /// Whether everything the pattern can match only reads. A pattern is read-only when its action part starts with a
    /// read verb before any wildcard, e.g. s3:Get*, ec2:Describe*; "s3:*Object" is not.
    /// </summary>
    public static bool IsReadOnly(string pattern)
    {
        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var name = pattern[(colon + 1)..];
        var literal = name.AsSpan();
        var wildcard = literal.IndexOfAny('*', '?');
        if (wildcard >= 0)
        {
            literal = literal[..wildcard];
        }

        foreach (var verb in ReadVerbs)
        {
            if (literal.StartsWith(verb, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="covering"/> matches at least every action <paramref name="pattern"/> matches (see <see cref="PolicyWildcard.Covers"/>).</summary>
    public static bool Covers(string covering, string pattern) =>
        MatchesEveryAction(covering) || PolicyWildcard.Covers(covering, pattern, ignoreCase: true);
}
