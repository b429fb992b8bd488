using Dashboard.Web.Components;
using Dashboard.Web.Hosting;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

// Serve the static files of referenced packages (MudBlazor) from a plain build output too, not only from a publish.
builder.WebHost.UseStaticWebAssets();

builder.AddDatabase();
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
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealth();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.PrintStartupBanner();

app.Run();

/// <summary>Entry point; public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
