using Dashboard.Web.Components;
using Dashboard.Web.Features.Account;
using Dashboard.Web.Features.Admin;
using Dashboard.Web.Features.Api;
using Dashboard.Web.Features.Findings;
using Dashboard.Web.Hosting;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // `dotnet run` starts in the project folder; `dotnet Dashboard.Web.dll` may start anywhere. Fall back to the
    // app's own folder so appsettings.json is always found.
    ContentRootPath = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")) ? null : AppContext.BaseDirectory,
});

// Serve the static files of referenced packages (MudBlazor) from a plain build output too, not only from a publish.
builder.WebHost.UseStaticWebAssets();

var node = builder.AddNodeRole();
builder.AddDatabase();
builder.AddDataProtectionKeys();
builder.AddForwardedHeaders();
builder.AddSecurityHeaders();
builder.AddAuth();
builder.AddOidc();
builder.AddSignInThrottling();
builder.AddJobs(node);
builder.AddCheckSettings();
builder.AddNotifications();
builder.AddDemo();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.AddFeatures();

var app = builder.Build();
if (await app.RunCommandAsync(args)) { return; }

if (!node.ServesWeb)
{
    app.MapWorkerNode();
    app.Run();
    return;
}

// Forwarded headers first, so that everything after sees the real client and scheme; then the security headers.
app.UseConfiguredForwardedHeaders();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

// A friendly page for unknown addresses in the browser. Only for GET: re-executing a failed POST (401, 403, 429)
// would replay it as a form post to /not-found and turn the real status into an antiforgery 400.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.Use((context, next) =>
{
    if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path.StartsWithSegments("/api"))
    {
        context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
    }

    return next(context);
});
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
app.MapHealth();
app.MapAccountEndpoints();
app.MapJobsDashboard();
app.MapAdminEndpoints();
app.MapApiEndpoints();
app.MapFindingsEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = "'none'");
app.PrintStartupBanner();

app.Run();

/// <summary>Entry point; public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
