namespace Dashboard.Core.Policies;

/// <summary>Shapes of Resource patterns.</summary>
public static class PolicyResources
{
    /// <summary>
    /// Whether the pattern matches every resource: "*" (or more stars), or an ARN pattern whose every part after
    /// "arn:&lt;partition&gt;:" is a wildcard, such as "arn:aws:*" or "arn:aws:*:*:*:*". Every ARN has at least five
    /// colons, so up to four colons between stars still match all of them.
    /// </summary>
    public static bool MatchesEveryResource(string pattern)
    {
        if (pattern.Length == 0)
        {
            return false;
        }

        if (pattern.All(c => c == '*'))
        {
            return true;
        }

        if (!pattern.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }

        var afterArn = pattern[4..];
        var colon = afterArn.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return afterArn.Length > 0 && afterArn.All(c => c == '*');
        }

        var rest = afterArn[(colon + 1)..];
        return rest.Contains('*', StringComparison.Ordinal)
            && rest.All(c => c is '*' or ':')
            && rest.Count(c => c == ':') <= 4
            && !rest.StartsWith(':')
            && !rest.EndsWith(':');
    }

    /// <summary>Whether <paramref name="covering"/> matches every resource <paramref name="pattern"/> matches; resource names are case-sensitive.</summary>
    public static bool Covers(string covering, string pattern) =>
        MatchesEveryResource(covering) || PolicyWildcard.Covers(covering, pattern, ignoreCase: false);
}
