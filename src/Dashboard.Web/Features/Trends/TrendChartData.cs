using System.Globalization;
using MudBlazor;

namespace Dashboard.Web.Features.Trends;

/// <summary>Shared helpers for the trend charts: the day range ending today and sparse x-axis labels.</summary>
public static class TrendChartData
{
    public static (DateOnly From, DateOnly To) LastDays(TimeProvider clock, int days)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return (today.AddDays(-(Math.Max(1, days) - 1)), today);
    }

    /// <summary>A label every few days (about eight on the axis), empty strings between.</summary>
    public static string[] Labels(IReadOnlyList<DateOnly> days)
    {
        var step = Math.Max(1, days.Count / 8);
        return days.Select((d, i) => i % step == 0 || i == days.Count - 1 ? d.ToString("MMM d", CultureInfo.InvariantCulture) : "").ToArray();
    }

    public static ChartSeries<double> Series(string name, IEnumerable<double> values) => new() { Name = name, Data = new ChartData<double>(values.ToList()) };
}
