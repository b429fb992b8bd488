using Dashboard.Web.Data;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Features.Scans;

/// <summary>
/// The Accounts page's bulk onboarding: pick the management (or delegated-administrator) account, list the
/// organization's accounts, select some, and add them with one role name, scope and schedule. Every call re-checks
/// the Operate policy on the server.
/// </summary>
public sealed partial class OrganizationImportDialog
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true };

    [Parameter] public bool Visible { get; set; }
    [Parameter] public EventCallback<bool> VisibleChanged { get; set; }

    /// <summary>Raised after accounts were added, so the page can reload its list.</summary>
    [Parameter] public EventCallback Imported { get; set; }

    /// <summary>The accounts the page lists; the sources to list an organization from are the ones that are not demo accounts.</summary>
    [Parameter] public IReadOnlyList<AccountRow> Accounts { get; set; } = [];

    [Inject] private OrganizationImport Import { get; set; } = default!;
    [Inject] private ActionGuard Guard { get; set; } = default!;

    private List<CloudAccount> _sources = [];
    private bool _open;
    private int? _sourceId;
    private bool _loading;
    private bool _adding;
    private OrganizationListing? _listing;
    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);
    private string _filter = "";
    private readonly OrganizationImportForm _form = new();
    private IReadOnlyDictionary<string, string> _errors = NoErrors;
    private OrganizationImportResult? _result;

    private IEnumerable<OrganizationMember> Shown => (_listing?.Members ?? []).Where(m => _filter.Length == 0
        || m.Name.Contains(_filter, StringComparison.OrdinalIgnoreCase) || m.AwsAccountId.Contains(_filter, StringComparison.Ordinal)
        || m.Email.Contains(_filter, StringComparison.OrdinalIgnoreCase) || m.Status.Contains(_filter, StringComparison.OrdinalIgnoreCase));

    private bool AllVisibleSelected => Shown.Any() && Shown.All(m => _selected.Contains(m.AwsAccountId));

    /// <summary>Selected accounts the import will add; the others are reported as skipped.</summary>
    private int AddableSelected => _listing?.Members.Count(m => m.SkipReason is null && _selected.Contains(m.AwsAccountId)) ?? 0;

    private string RoleHelp => OrganizationImport.RoleNameError(_form.RoleName) is null
        ? $"Role ARN: {OrganizationImport.RoleArn(_listing?.Partition ?? "aws", "<account id>", _form.RoleName)}"
        : "e.g. DashboardScanner or security/DashboardScanner";

    protected override void OnParametersSet()
    {
        _sources = Accounts.Select(r => r.Account).Where(a => !a.IsDemo).ToList();
        if (Visible && !_open && _sources.Count == 1)
        {
            SourceChanged(_sources[0].Id);
        }

        _open = Visible;
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Err(string field) => _errors.GetValueOrDefault(field);

    private void SourceChanged(int? id)
    {
        _sourceId = id;
        _listing = null;
        _selected.Clear();
        _result = null;
        _errors = NoErrors;
        var source = _sources.FirstOrDefault(a => a.Id == id);
        _form.SourceProfile = source is { AccessMethod: not AccountAccessMethod.DefaultChain } ? source.Profile : null;
    }

    private void FilterChanged(string? filter) => _filter = filter?.Trim() ?? "";

    private void Toggle(string accountId, bool selected)
    {
        if (selected)
        {
            _selected.Add(accountId);
        }
        else
        {
            _selected.Remove(accountId);
        }
    }

    private void SelectAll(bool selected)
    {
        foreach (var m in Shown.ToList())
        {
            Toggle(m.AwsAccountId, selected);
        }
    }

    private async Task LoadAsync()
    {
        if (_sourceId is not { } sourceId || await Guard.AuthorizeAsync(Policies.Operate, "list organization accounts") is null)
        {
            return;
        }

        _loading = true;
        _result = null;
        _errors = NoErrors;
        _selected.Clear();
        try
        {
            _listing = await Import.ListMembersAsync(sourceId, CancellationToken.None);
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task AddAsync()
    {
        if (_listing is null)
        {
            return;
        }

        if (await Guard.AuthorizeAsync(Policies.Operate, "import organization accounts") is not { } actor)
        {
            _errors = new Dictionary<string, string> { [""] = "Your role cannot add accounts." };
            return;
        }

        _adding = true;
        try
        {
            var result = await Import.AddAsync(_listing, _selected.ToList(), _form, actor.Name, actor.Id, CancellationToken.None);
            _errors = result.Errors;
            if (result.Errors.Count > 0)
            {
                return;
            }

            _result = result;
            if (result.Added.Count > 0)
            {
                // Mark the added accounts as on the dashboard, keeping the summary on screen.
                var added = result.Added.Select(a => a.AwsAccountId).ToHashSet(StringComparer.Ordinal);
                _listing = _listing with
                {
                    Members = _listing.Members.Select(m => added.Contains(m.AwsAccountId) ? m with { OnDashboard = true } : m).ToList(),
                };
                _selected.Clear();
                await Imported.InvokeAsync();
            }
        }
        finally
        {
            _adding = false;
        }
    }

    private Task CloseAsync() => VisibleChanged.InvokeAsync(false);
}
