using System.Globalization;
using Dashboard.Core.Checks;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Features.Findings;

/// <summary>
/// The explorer's state as a query string, so a filtered view can be bookmarked and shared.
/// No status parameter means the default view (failed findings); status=any shows every status.
/// </summary>
public static class FindingsUrl
{
    public static readonly IReadOnlyCollection<ResultStatus> DefaultStatuses = [ResultStatus.Fail];

    public static FindingsPageRequest Parse(IReadOnlyDictionary<string, string?> query)
    {
        var statusText = query.GetValueOrDefault("status");
        var filter = new FindingsFilter
        {
            Text = query.GetValueOrDefault("q"),
            Severities = ParseEnums<Severity>(query.GetValueOrDefault("severity")),
            Statuses = statusText is null ? DefaultStatuses
                : string.Equals(statusText, "any", StringComparison.OrdinalIgnoreCase) ? [] : ParseEnums<ResultStatus>(statusText),
            CheckId = NullIfEmpty(query.GetValueOrDefault("check")),
            AccountId = int.TryParse(query.GetValueOrDefault("account"), NumberStyles.None, CultureInfo.InvariantCulture, out var account) ? account : null,
            Region = NullIfEmpty(query.GetValueOrDefault("region")),
            Service = NullIfEmpty(query.GetValueOrDefault("service")),
            TriageStates = ParseEnums<Data.TriageState>(query.GetValueOrDefault("triage")),
            FrameworkId = NullIfEmpty(query.GetValueOrDefault("framework")),
            RequirementId = NullIfEmpty(query.GetValueOrDefault("requirement")),
            Assignee = NullIfEmpty(query.GetValueOrDefault("assignee")),
            Muted = Enum.TryParse<MutedFilter>(query.GetValueOrDefault("muted"), ignoreCase: true, out var muted) && Enum.IsDefined(muted) ? muted : MutedFilter.Hide,
            FirstSeenFrom = ParseDay(query.GetValueOrDefault("from")),
            FirstSeenTo = ParseDay(query.GetValueOrDefault("to")),
        };
        var sort = Enum.TryParse<FindingsSort>(query.GetValueOrDefault("sort"), ignoreCase: true, out var s) ? s : FindingsSort.Severity;
        var descending = !string.Equals(query.GetValueOrDefault("dir"), "asc", StringComparison.OrdinalIgnoreCase);
        var page = int.TryParse(query.GetValueOrDefault("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p - 1 : 0;
        var size = int.TryParse(query.GetValueOrDefault("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var z) && z is > 0 and <= FindingsQuery.MaxPageSize ? z : 25;
        return new FindingsPageRequest(filter, sort, descending, page, size);
    }

    public static string ToUrl(FindingsPageRequest request) => ToUrl("/findings", request);

    /// <summary>The same view's query string on another path (exports use it, so they match the page exactly).</summary>
    public static string ToUrl(string path, FindingsPageRequest request)
    {
        var filter = request.Filter;
        var parameters = new Dictionary<string, string?>();
        Add(parameters, "q", filter.Text);
        Add(parameters, "severity", string.Join(',', filter.Severities.Order()));
        var statuses = filter.Statuses.Order().ToList();
        if (!statuses.SequenceEqual(DefaultStatuses.Order()))
        {
            parameters["status"] = statuses.Count == 0 ? "any" : string.Join(',', statuses);
        }

        Add(parameters, "check", filter.CheckId);
        Add(parameters, "account", filter.AccountId?.ToString(CultureInfo.InvariantCulture));
        Add(parameters, "region", filter.Region);
        Add(parameters, "service", filter.Service);
        Add(parameters, "triage", string.Join(',', filter.TriageStates.Order()));
        Add(parameters, "framework", filter.FrameworkId);
        Add(parameters, "requirement", filter.RequirementId);
        Add(parameters, "assignee", filter.Assignee);
        Add(parameters, "muted", filter.Muted == MutedFilter.Hide ? null : filter.Muted.ToString().ToLowerInvariant());
        Add(parameters, "from", filter.FirstSeenFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(parameters, "to", filter.FirstSeenTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (request.SortBy != FindingsSort.Severity || !request.Descending)
        {
            parameters["sort"] = request.SortBy.ToString().ToLowerInvariant();
            parameters["dir"] = request.Descending ? "desc" : "asc";
        }

        if (request.Page > 0)
        {
            parameters["page"] = (request.Page + 1).ToString(CultureInfo.InvariantCulture);
        }

        if (request.PageSize != 25)
        {
            parameters["size"] = request.PageSize.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString(path, parameters);
    }

    private static void Add(Dictionary<string, string?> parameters, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parameters[key] = value;
        }
    }

    private static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static List<T> ParseEnums<T>(string? text) where T : struct, Enum =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => Enum.TryParse<T>(v, ignoreCase: true, out var e) && Enum.IsDefined(e) ? (T?)e : null)
            .OfType<T>()
            .Distinct()
            .ToList();
}
