namespace Dashboard.Core.Policies;

/// <summary>IAM-style wildcard matching: '*' matches any run of characters (also none), '?' exactly one.</summary>
public static class PolicyWildcard
{
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

    public static bool HasWildcard(string text) => text.AsSpan().IndexOfAny('*', '?') >= 0;

    private static bool SameChar(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
