using Dashboard.Web.Components;
using Dashboard.Web.Features.Account;
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

builder.AddDatabase();
builder.AddAuth();
builder.AddSignInThrottling();
builder.AddJobs();
builder.AddDemo();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.AddFeatures();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
app.MapHealth();
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.PrintStartupBanner();

app.Run();

/// <summary>Entry point; public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
