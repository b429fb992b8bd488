namespace Dashboard.Web.Data;

/// <summary>
/// A case-insensitive "contains" search that behaves the same on SQLite and PostgreSQL. SQLite's LIKE ignores
/// case and PostgreSQL's does not, so queries compare <c>lower(column)</c> with a lower-case pattern:
/// <c>EF.Functions.Like(x.Name.ToLower(), pattern, TextSearch.Escape)</c>. Wildcards typed by the user match literally.
/// </summary>
public static class TextSearch
{
    public const string Escape = "\\";

    public static string ContainsPattern(string text) =>
        "%" + text.Trim().ToLowerInvariant()
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
