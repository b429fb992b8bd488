using Dashboard.Core.Checks;
using Severity = Dashboard.Core.Checks.Severity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Dashboard.Web.Data;
using Dashboard.Web.Security;

namespace Dashboard.Web.Features.Findings;

public partial class FindingsPage
{
    private static readonly (FindingsSort Sort, string Label)[] Columns =
    [
        (FindingsSort.Severity, "Severity"),
        (FindingsSort.Status, "Status"),
        (FindingsSort.Check, "Check"),
        (FindingsSort.Resource, "Resource"),
        (FindingsSort.Region, "Region"),
        (FindingsSort.Account, "Account"),
        (FindingsSort.LastSeen, "Last seen"),
    ];

    private readonly CancellationTokenSource _cts = new();
    private FindingsPageRequest _request = FindingsUrl.Parse(new Dictionary<string, string?>());
    private FindingsResult? _page;
    private FilterChoices? _choices;
    private bool _loading;
    private TriageState _bulkState = TriageState.Acknowledged;
    private string? _bulkAssignee;

    /// <summary>
    /// Pages up to the count; past a capped count, one more page whenever the current one is full, so every
    /// finding stays reachable page by page.
    /// </summary>
    private int PageCount
    {
        get
        {
            if (_page is null)
            {
                return 1;
            }

            var counted = Math.Max(1, (int)Math.Ceiling(_page.TotalCount / (double)_request.PageSize));
            return _page.TotalCapped
                ? Math.Max(counted, _request.Page + (_page.Rows.Count == _request.PageSize ? 2 : 1))
                : counted;
        }
    }

    private string RangeText => _page is null || _page.Rows.Count == 0
        ? ""
        : $"{FindingsResult.CountText((_request.Page * _request.PageSize) + 1, capped: false)}–{FindingsResult.CountText((_request.Page * _request.PageSize) + _page.Rows.Count, capped: false)} of {_page.TotalText}";

    protected override async Task OnInitializedAsync()
    {
        // The page stays the same component while the query string changes, so follow the location instead of parameters.
        Navigation.LocationChanged += OnLocationChanged;
        _request = FindingsUrl.Parse(CurrentQuery());
        _choices = await Query.GetFilterChoicesAsync(_cts.Token);
        await LoadAsync();
    }

    private Dictionary<string, string?> CurrentQuery() =>
        QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query).ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());

    private async void OnLocationChanged(object? sender, Microsoft.AspNetCore.Components.Routing.LocationChangedEventArgs e)
    {
        if (!Navigation.ToAbsoluteUri(e.Location).AbsolutePath.Equals("/findings", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        await InvokeAsync(async () =>
        {
            _request = FindingsUrl.Parse(CurrentQuery());
            await LoadAsync();
            StateHasChanged();
        });
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _page = await Query.GetPageAsync(_request, _cts.Token);
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
        }
        finally
        {
            _loading = false;
        }
    }

    /// <summary>Every change goes through the URL, so the browser history and shared links reproduce the view.</summary>
    private void Go(FindingsPageRequest request) => Navigation.NavigateTo(FindingsUrl.ToUrl(request));

    private void ChangeFilter(Func<FindingsFilter, FindingsFilter> change) =>
        Go(_request with { Filter = change(_request.Filter), Page = 0 });

    private void OnTextChanged(string? text) => ChangeFilter(f => f with { Text = text });

    private void OnSeveritiesChanged(IReadOnlyCollection<Severity>? values) => ChangeFilter(f => f with { Severities = values?.ToList() ?? [] });

    private void OnStatusesChanged(IReadOnlyCollection<ResultStatus>? values) => ChangeFilter(f => f with { Statuses = values?.ToList() ?? [] });

    private void OnCheckChanged(string? checkId) => ChangeFilter(f => f with { CheckId = checkId });

    private void OnAccountChanged(int? accountId) => ChangeFilter(f => f with { AccountId = accountId });

    private void OnRegionChanged(string? region) => ChangeFilter(f => f with { Region = region });

    private void ClearFilters() => Go(new FindingsPageRequest(new FindingsFilter { Statuses = FindingsUrl.DefaultStatuses }));

    private void OnPageChanged(int page) => Go(_request with { Page = page - 1 });

    private void OnPageSizeChanged(int size) => Go(_request with { PageSize = size, Page = 0 });

    private void SortBy(FindingsSort sort) =>
        Go(_request with { SortBy = sort, Descending = _request.SortBy != sort || !_request.Descending, Page = 0 });

    private static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;

    private Task BulkStateAsync() => BulkAsync(TriageAction.SetState(_bulkState));

    private Task BulkAssignAsync() => BulkAsync(new TriageAction { Kind = TriageActionKind.Assign, Assignee = _bulkAssignee });

    /// <summary>Applies one change to every finding the current filter matches (all pages), after a server-side role check.</summary>
    private async Task BulkAsync(TriageAction action)
    {
        if (await Guard.AuthorizeAsync(Policies.Triage, "bulk triage") is not { } actor)
        {
            Snackbar.Add("Your role cannot triage findings.", MudBlazor.Severity.Error);
            return;
        }

        var outcome = await Triage.ApplyToFilterAsync(_request.Filter, action, actor.Name, actor.Id, _cts.Token);
        Snackbar.Add(outcome.Error ?? $"{outcome.Changed} findings changed.", outcome.Succeeded ? MudBlazor.Severity.Success : MudBlazor.Severity.Warning);
        await LoadAsync();
    }

    private void Open(long id) => Navigation.NavigateTo($"/findings/{id}");

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
