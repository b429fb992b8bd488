using Dashboard.Web.Features.Findings;
using Dashboard.Web.Features.Overview;

namespace Dashboard.Web.Hosting;

public static class FeaturesSetup
{
    public static WebApplicationBuilder AddFeatures(this WebApplicationBuilder builder)
    {
        builder.Services.AddTransient<OverviewQuery>();
        builder.Services.AddTransient<FindingsQuery>();
        builder.Services.AddScoped<Dashboard.Web.Features.Account.DemoSignIn>();
        return builder;
    }
}
