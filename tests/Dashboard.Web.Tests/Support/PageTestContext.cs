using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Web.Tests.Support;

/// <summary>
/// A bUnit context over a real app: MudBlazor services, loose JS interop, every service the test does not set up
/// taken from the app (queries, commands, the database, Hangfire). The signed-in user and the policies they hold
/// come from bUnit, and <see cref="ActionGuard"/> is built here so that page actions check that user server-side.
/// Renders as an interactive (circuit) renderer, so pages start their live refresh as in a browser.
/// </summary>
public sealed class PageTestContext : IAsyncDisposable
{
    private readonly BunitContext _context = new();
    private readonly BunitAuthorizationContext _auth;
    private bool _popoverProvider;

    public PageTestContext(DashboardAppFactory app)
    {
        _auth = _context.UseApp(app.Services);
        _context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public IEnumerable<MudBlazor.Snackbar> Snackbars => _context.Services.GetRequiredService<ISnackbar>().ShownSnackbars;

    /// <summary>Signs in as <c>{role}@test.local</c> holding exactly <paramref name="policies"/>.</summary>
    public void SignIn(string role, params string[] policies)
    {
        _auth.SetAuthorized(TestUsers.EmailFor(role));
        _auth.SetRoles(role);
        _auth.SetPolicies(policies);
    }

    public void SignInAsOperator() => SignIn(Roles.Operator, Policies.View, Policies.Operate);

    public IRenderedComponent<T> Render<T>(string? url = null) where T : class, IComponent
    {
        if (url is not null)
        {
            _context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        }

        if (!_popoverProvider)
        {
            _context.Render<MudPopoverProvider>();
            _popoverProvider = true;
        }

        return _context.Render<T>();
    }

    /// <summary>The input or textarea of a MudTextField, wherever MudBlazor put the test id.</summary>
    public static IElement Field<T>(IRenderedComponent<T> page, string testId) where T : class, IComponent
    {
        var element = page.Find($"[data-testid={testId}]");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input, textarea") ?? throw new InvalidOperationException($"no input under {testId}");
    }

    /// <summary>Types into a MudTextField as a person does: the value is committed on change (blur).</summary>
    public static Task TypeAsync<T>(IRenderedComponent<T> page, string testId, string value) where T : class, IComponent =>
        Field(page, testId).ChangeAsync(new ChangeEventArgs { Value = value });

    /// <summary>Picks a value of a MudSelect (the popover list is a browser concern; the select's callback is the page's).</summary>
    public static Task SelectAsync<T, TValue>(IRenderedComponent<T> page, string label, TValue value) where T : class, IComponent
    {
        var select = page.FindComponents<MudSelect<TValue>>().Single(s => s.Instance.Label == label);
        return page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    // MudBlazor's services are only asynchronously disposable.
    public ValueTask DisposeAsync() => _context.DisposeAsync();
}
