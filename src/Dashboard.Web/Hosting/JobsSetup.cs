using System.ComponentModel.DataAnnotations;
using Dashboard.Web.Scanning;
using Hangfire;

namespace Dashboard.Web.Hosting;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Hangfire workers in this process: how many scans run at once.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;
}

public static class JobsSetup
{
    /// <summary>Hangfire on in-memory storage: the embedded single-process default.</summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var workers = builder.Configuration.GetValue($"{JobsOptions.Section}:WorkerCount", 2);

        builder.Services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseInMemoryStorage());
        builder.Services.AddHangfireServer(options =>
        {
            options.WorkerCount = Math.Clamp(workers, 1, 64);
            options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<InventorySource>();
        builder.Services.AddSingleton(Dashboard.Core.Checks.CheckCatalog.Default);
        builder.Services.AddSingleton(Dashboard.Core.Frameworks.FrameworkCatalog.Default);
        builder.Services.AddOptions<Dashboard.Web.Features.Findings.FindingsOptions>()
            .BindConfiguration(Dashboard.Web.Features.Findings.FindingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddTransient<Dashboard.Web.Features.Findings.Lifecycle.FindingsMaintenanceJob>();
        builder.Services.AddHostedService<Dashboard.Web.Features.Findings.Lifecycle.FindingsMaintenanceRegistration>();
        builder.Services.AddTransient<ScanRecorder>();
        builder.Services.AddTransient<ScanAccountJob>();
        builder.Services.AddTransient<ScanLauncher>();
        return builder;
    }
}
