using Dashboard.Web.Features.Findings;
using Dashboard.Web.Features.Overview;

namespace Dashboard.Web.Hosting;

public static class FeaturesSetup
{
    public static WebApplicationBuilder AddFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddTransient<OverviewQuery>();
        builder.Services.AddTransient<FindingsQuery>();
        builder.Services.AddTransient<Dashboard.Web.Features.Compliance.ComplianceQuery>();
        builder.Services.AddSingleton(Dashboard.Core.Frameworks.FrameworkCatalog.Default);
        builder.Services.AddTransient<Dashboard.Web.Features.Admin.UsersQuery>();
        builder.Services.AddTransient<Dashboard.Web.Features.Admin.UserActions>();
        builder.Services.AddTransient<Dashboard.Web.Features.Admin.AuditQuery>();
        builder.Services.AddScoped<Dashboard.Web.Features.Account.DemoSignIn>();
        builder.Services.AddTransient<TriageCommands>();
        builder.Services.AddTransient<MuteRuleCommands>();
        builder.Services.AddTransient<ChangesQuery>();
        builder.Services.AddTransient<Dashboard.Web.Features.Trends.TrendsQuery>();
        builder.Services.AddTransient<Dashboard.Web.Scanning.ScanRequests>();
        builder.Services.AddTransient<Dashboard.Web.Features.Scans.AccountCommands>();
        builder.Services.AddTransient<Dashboard.Web.Features.Scans.ScansQuery>();
        builder.Services.AddTransient<Dashboard.Web.Features.Scans.OrganizationImport>();
        return builder;
    }
}
