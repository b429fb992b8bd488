namespace Dashboard.Web.Data;

/// <summary>
/// A case-insensitive "contains" search that behaves the same on SQLite and PostgreSQL. SQLite's LIKE ignores
/// case and PostgreSQL's does not, so queries compare <c>lower(column)</c> with a lower-case pattern:
/// <c>EF.Functions.Like(x.Name.ToLower(), pattern, TextSearch.Escape)</c>. Wildcards typed by the user match literally.
/// <para>
/// The findings explorer searches five columns of a million rows, so each provider has an index for it, added by
/// the FindingsSearch migrations: on SQLite an FTS5 table with the trigram tokenizer ("FindingsSearch",
/// rowid = finding id, kept in step with Findings by triggers) that narrows the rows the LIKE reads, on PostgreSQL pg_trgm GIN indexes
/// on <c>lower(column)</c>, which serve the LIKE itself. A trigram index needs three characters; shorter texts scan
/// (docs/decisions/016).
/// </para>
/// </summary>
public static class TextSearch
{
    public const string Escape = "\\";

    /// <summary>Enough trigrams to make the candidate set small; the LIKE checks the rest.</summary>
    private const int MaxTrigrams = 12;

    /// <summary>
    /// An FTS5 query for the trigram table: every trigram of the text must occur in the row (in any column). It finds
    /// a superset of the rows whose columns contain the text, which the caller narrows with <see cref="ContainsPattern"/>.
    /// Null when the text is shorter than three characters, which a trigram index cannot answer. Case is left to
    /// the tokenizer, which folds the query as it folded the rows.
    /// </summary>
    public static string? TrigramQuery(string text)
    {
        var runes = text.Trim().EnumerateRunes().Select(r => r.ToString()).ToList();
        var trigrams = Enumerable.Range(0, Math.Max(0, runes.Count - 2))
            .Select(i => runes[i] + runes[i + 1] + runes[i + 2])
            .Distinct(StringComparer.Ordinal)
            .Take(MaxTrigrams)
            .Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")
            .ToList();
        return trigrams.Count == 0 ? null : string.Join(' ', trigrams);
    }

    public static string ContainsPattern(string text) =>
        "%" + text.Trim().ToLowerInvariant()
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
