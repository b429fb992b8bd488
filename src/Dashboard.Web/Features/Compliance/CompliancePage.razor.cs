using System.Globalization;
using Dashboard.Core.Frameworks;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Features.Compliance;

public partial class CompliancePage
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Dictionary<string, string> _versionByFamily = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openSections = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openRequirements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<ResourceResult>> _resources = new(StringComparer.Ordinal);
    private ComplianceSnapshot? _snapshot;
    private IReadOnlyDictionary<string, CheckOutcome> _outcomes = new Dictionary<string, CheckOutcome>();
    private Framework? _framework;
    private int? _accountId;

    /// <summary>Frameworks grouped by name (the CIS versions are one family), newest version last.</summary>
    private IEnumerable<IGrouping<string, Framework>> Families =>
        Frameworks.All.OrderBy(f => f.Name.StartsWith("CIS", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(f => Version.TryParse(f.Version, out var v) ? v : new Version(0, 0))
            .GroupBy(f => f.Name);

    private string BasisText
    {
        get
        {
            var accounts = _snapshot!.Accounts.Where(a => (_accountId is null || a.AccountId == _accountId) && a.ScanRunId != 0).ToList();
            if (accounts.Count == 0)
            {
                return "This account has no completed scan yet.";
            }

            var latest = accounts.Max(a => a.ScannedAt);
            return accounts.Count == 1
                ? $"From the latest complete scan of {accounts[0].Name} (run {accounts[0].ScanRunId}, {Format(latest)})."
                : $"From the latest complete scan of each of {accounts.Count} accounts (newest {Format(latest)}). A requirement fails when it fails in any account.";
        }
    }

    protected override async Task OnInitializedAsync()
    {
        var query = QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        _accountId = int.TryParse(query.GetValueOrDefault("account"), NumberStyles.None, CultureInfo.InvariantCulture, out var account) ? account : null;
        _snapshot = await Query.GetSnapshotAsync(_cts.Token);
        _outcomes = _snapshot.OutcomesFor(_accountId);
        if (Frameworks.Find(query.GetValueOrDefault("framework").ToString()) is { } framework)
        {
            _versionByFamily[framework.Name] = framework.Id;
            _framework = framework;
        }
    }

    private Framework SelectedVersion(IGrouping<string, Framework> family) =>
        family.FirstOrDefault(f => f.Id == _versionByFamily.GetValueOrDefault(family.Key)) ?? family.Last();

    private void OnVersionChanged(string family, string frameworkId)
    {
        _versionByFamily[family] = frameworkId;
        if (_framework?.Name == family)
        {
            Select(frameworkId);
        }
    }

    private void Select(string frameworkId)
    {
        _framework = Frameworks.Find(frameworkId);
        _openSections.Clear();
        _openRequirements.Clear();
        _resources.Clear();
        UpdateUrl();
    }

    private void OnAccountChanged(int? accountId)
    {
        _accountId = accountId;
        _outcomes = _snapshot?.OutcomesFor(accountId) ?? _outcomes;
        _resources.Clear();
        UpdateUrl();
    }

    private void UpdateUrl()
    {
        var parameters = new Dictionary<string, string?>();
        if (_framework is not null)
        {
            parameters["framework"] = _framework.Id;
        }

        if (_accountId is { } id)
        {
            parameters["account"] = id.ToString(CultureInfo.InvariantCulture);
        }

        Navigation.NavigateTo(QueryHelpers.AddQueryString("/compliance", parameters), replace: true);
    }

    private static void Toggle(HashSet<string> open, string key)
    {
        if (!open.Remove(key))
        {
            open.Add(key);
        }
    }

    private async Task ToggleResourcesAsync(string checkId)
    {
        if (!_resources.Remove(checkId))
        {
            _resources[checkId] = await Query.GetResourcesAsync(checkId, _accountId, _cts.Token);
        }
    }

    private string FindingsLink(string checkId) =>
        $"/findings?status=Fail,Error,Manual&check={Uri.EscapeDataString(checkId)}"
        + (_accountId is { } id ? $"&account={id.ToString(CultureInfo.InvariantCulture)}" : "");

    private static string Percent(ComplianceScore score) =>
        score.Percent is { } percent ? percent.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    private static string OutcomeText(CheckOutcome outcome)
    {
        var parts = new List<string>();
        Add(outcome.Fail, "failed");
        Add(outcome.Error, "not evaluated");
        Add(outcome.Manual, "manual");
        Add(outcome.Pass, "passed");
        Add(outcome.NotApplicable, "not applicable");
        return string.Join(" · ", parts);

        void Add(int count, string label)
        {
            if (count > 0)
            {
                parts.Add($"{count} {label}");
            }
        }
    }

    private static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '-');

    private static string Format(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "never";

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
