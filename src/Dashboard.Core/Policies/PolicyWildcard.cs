namespace Dashboard.Core.Policies;

/// <summary>IAM-style wildcard matching: '*' matches any run of characters (also none), '?' exactly one.</summary>
public static class PolicyWildcard
{
    private const int MaxCoverLength = 2048;

    /// <summary>
    /// Whether <paramref name="pattern"/> matches <paramref name="value"/>. Case-insensitive by default, as IAM
    /// compares action names. No regular expressions: at most pattern length times value length steps.
    /// </summary>
    public static bool Matches(string pattern, string value, bool ignoreCase = true)
    {
        var p = 0;
        var v = 0;
        var star = -1;
        var resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || SameChar(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>
    /// Whether <paramref name="covering"/> matches at least everything <paramref name="pattern"/> matches. Exact for a
    /// literal pattern; for a pattern with wildcards it answers yes only when the covering pattern is all stars, or a
    /// prefix followed by one trailing star that the pattern's literal start begins with ("s3:*" covers "s3:Get*").
    /// Anything else says no: the safe answer when a Deny is asked to cancel an Allow. Very long inputs also say no,
    /// to keep the work bounded.
    /// </summary>
    public static bool Covers(string covering, string pattern, bool ignoreCase = true)
    {
        if (covering.Length > MaxCoverLength || pattern.Length > MaxCoverLength || covering.Length == 0)
        {
            return false;
        }

        if (!HasWildcard(pattern))
        {
            return Matches(covering, pattern, ignoreCase);
        }

        var firstWildcard = covering.AsSpan().IndexOfAny('*', '?');
        if (firstWildcard < 0 || covering.AsSpan(firstWildcard).ContainsAnyExcept('*'))
        {
            return false;
        }

        var prefix = covering[..firstWildcard];
        var patternLiteral = pattern[..pattern.AsSpan().IndexOfAny('*', '?')];
        return patternLiteral.StartsWith(prefix, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    public static bool HasWildcard(string text) => text.AsSpan().IndexOfAny('*', '?') >= 0;

    private static bool SameChar(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
