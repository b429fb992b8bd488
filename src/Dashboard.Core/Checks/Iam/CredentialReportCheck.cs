using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// Base for checks over the IAM credential report: a failed report call or a report that was never collected is one
/// account-level Error; otherwise the subclass judges the rows.
/// </summary>
public abstract class CredentialReportCheck : Check
{
    public sealed override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        if (ErrorFor(context, Regions.Global) is { } error)
        {
            return [Error(Regions.Global, inventory.AccountId, null, error)];
        }

        // A real report always has the root row, so an empty one was never collected.
        var report = inventory.Iam.CredentialReport;
        if (report.Count == 0)
        {
            return [Result(ResultStatus.Error, Regions.Global, inventory.AccountId, null, "credential report was not collected", [])];
        }

        return EvaluateReport(context, report);
    }

    protected abstract IEnumerable<CheckResult> EvaluateReport(EvaluationContext context, IReadOnlyList<CredentialReportRow> report);

    /// <summary>Evidence text for a report date: ISO 8601, or <paramref name="missing"/> ("never" for last-used dates, "unknown" for others).</summary>
    protected static string Date(DateTimeOffset? value, string missing = "never") => value?.ToString("O", CultureInfo.InvariantCulture) ?? missing;

    protected static string Flag(bool value) => value ? "true" : "false";

    /// <summary>The active access keys of a row as (slot, last rotated, last used).</summary>
    protected static IEnumerable<(int Slot, DateTimeOffset? LastRotated, DateTimeOffset? LastUsed)> ActiveKeys(CredentialReportRow row)
    {
        if (row.AccessKey1Active)
        {
            yield return (1, row.AccessKey1LastRotated, row.AccessKey1LastUsedDate);
        }

        if (row.AccessKey2Active)
        {
            yield return (2, row.AccessKey2LastRotated, row.AccessKey2LastUsedDate);
        }
    }

    protected static int DaysBetween(DateTimeOffset earlier, DateTimeOffset later) => (int)(later - earlier).TotalDays;
}
