using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Web.Features.Admin;

public partial class AuditPage : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly HashSet<long> _expanded = [];
    private AuditPageRequest _request = AuditUrl.Parse(new Dictionary<string, string?>());
    private AuditResult? _page;
    private IReadOnlyList<string> _actions = [];
    private bool _loading;

    [Inject] private AuditQuery Query { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private int PageCount => _page is null ? 1 : Math.Max(1, (int)Math.Ceiling(_page.TotalCount / (double)_request.PageSize));

    private string RangeText => _page is null || _page.TotalCount == 0
        ? ""
        : $"{(_request.Page * _request.PageSize) + 1}–{Math.Min(_page.TotalCount, (_request.Page + 1) * _request.PageSize)} of {_page.TotalCount}";

    private string SucceededKey => _request.Filter.Succeeded switch { true => "yes", false => "no", null => "any" };

    protected override async Task OnInitializedAsync()
    {
        // The page stays the same component while the query string changes, so follow the location instead of parameters.
        Navigation.LocationChanged += OnLocationChanged;
        _request = AuditUrl.Parse(CurrentQuery());
        _actions = await Query.GetActionsAsync(_cts.Token);
        await LoadAsync();
    }

    private Dictionary<string, string?> CurrentQuery() =>
        QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query).ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString());

    private async void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (!Navigation.ToAbsoluteUri(e.Location).AbsolutePath.Equals(AuditUrl.PagePath, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        await InvokeAsync(async () =>
        {
            _request = AuditUrl.Parse(CurrentQuery());
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
            _expanded.IntersectWith(_page.Rows.Select(r => r.Id));
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
    private void Go(AuditPageRequest request) => Navigation.NavigateTo(AuditUrl.ToUrl(request));

    private void ChangeFilter(Func<AuditFilter, AuditFilter> change) => Go(_request with { Filter = change(_request.Filter), Page = 0 });

    private void OnActionChanged(string? action) => ChangeFilter(f => f with { Action = action });

    private void OnActorChanged(string? actor) => ChangeFilter(f => f with { Actor = actor });

    private void OnTargetChanged(string? target) => ChangeFilter(f => f with { Target = target });

    private void OnSucceededChanged(string? key) =>
        ChangeFilter(f => f with { Succeeded = key switch { "yes" => true, "no" => false, _ => null } });

    private void OnFromChanged(string? date) => ChangeFilter(f => f with { From = AuditUrl.ParseDate(date) });

    private void OnToChanged(string? date) => ChangeFilter(f => f with { To = AuditUrl.ParseDate(date) });

    private void OnTextChanged(string? text) => ChangeFilter(f => f with { Text = text });

    private void ClearFilters() => Go(new AuditPageRequest(new AuditFilter()));

    private void OnPageChanged(int page) => Go(_request with { Page = page - 1 });

    private void OnPageSizeChanged(int size) => Go(_request with { PageSize = size, Page = 0 });

    private void Toggle(long id)
    {
        if (!_expanded.Remove(id))
        {
            _expanded.Add(id);
        }
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
