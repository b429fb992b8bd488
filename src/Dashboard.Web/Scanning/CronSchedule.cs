using System.Text.RegularExpressions;

namespace Dashboard.Web.Scanning;

/// <summary>Schedule presets and validation for 5-field cron expressions (minute hour day-of-month month day-of-week).</summary>
public static partial class CronSchedule
{
    public static readonly IReadOnlyList<(string Label, string Cron)> Presets =
    [
        ("Hourly", "0 * * * *"),
        ("Every 6 hours", "0 */6 * * *"),
        ("Daily at 02:00", "0 2 * * *"),
        ("Weekly, Monday 03:00", "0 3 * * 1"),
    ];

    private static readonly (int Min, int Max)[] Ranges = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)];
    private static readonly string[] FieldNames = ["minute", "hour", "day of month", "month", "day of week"];
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>Null when valid; otherwise a message that says what is wrong.</summary>
    public static string? Validate(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return null;
        }

        var fields = cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            return $"A schedule has 5 fields (minute hour day-of-month month day-of-week), e.g. \"0 2 * * *\"; this one has {fields.Length}.";
        }

        for (var i = 0; i < 5; i++)
        {
            foreach (var part in fields[i].Split(','))
            {
                if (!ValidPart(part.ToUpperInvariant(), i))
                {
                    return $"The {FieldNames[i]} field \"{fields[i]}\" is not valid: use *, a number from {Ranges[i].Min} to {Ranges[i].Max}, a range (a-b), a list (a,b) or a step (*/n).";
                }
            }
        }

        return null;
    }

    public static TimeZoneInfo? FindTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;
    }

    private static bool ValidPart(string part, int field)
    {
        var match = PartPattern().Match(part);
        if (!match.Success)
        {
            return false;
        }

        if (match.Groups["step"].Success && (!int.TryParse(match.Groups["step"].Value, System.Globalization.CultureInfo.InvariantCulture, out var step) || step < 1))
        {
            return false;
        }

        var range = match.Groups["range"].Value;
        if (range == "*")
        {
            return true;
        }

        var ends = range.Split('-');
        var values = ends.Select(e => Value(e, field)).ToList();
        return values.All(v => v is not null && v >= Ranges[field].Min && v <= Ranges[field].Max) && (values.Count == 1 || values[0] <= values[1]);
    }

    private static int? Value(string text, int field)
    {
        if (int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        var names = field == 3 ? Months : field == 4 ? Days : [];
        var index = Array.IndexOf(names, text);
        return index < 0 ? null : index + (field == 3 ? 1 : 0);
    }

    [GeneratedRegex(@"^(?<range>\*|[0-9A-Z]+(-[0-9A-Z]+)?)(/(?<step>[0-9]+))?$")]
    private static partial Regex PartPattern();
}
