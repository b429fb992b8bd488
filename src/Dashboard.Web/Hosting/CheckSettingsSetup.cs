using System.Reflection;
using Dashboard.Core.Checks;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The check tunables (required tags, admin and database ports, credential ages, ...) from the <c>Checks</c>
/// configuration section. Every scan of this install is evaluated with them.
/// </summary>
public static class CheckSettingsSetup
{
    public const string Section = "Checks";

    public static WebApplicationBuilder AddCheckSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(Read(builder.Configuration.GetSection(Section)));
        return builder;
    }

    /// <summary>
    /// Reads the section over the CIS defaults. A list in configuration replaces the default list (the binder would
    /// append to it). Unknown keys and bad values stop the app at start with the key named, so a typo never
    /// silently falls back to a default.
    /// </summary>
    internal static CheckSettings Read(IConfigurationSection section)
    {
        var known = typeof(CheckSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = section.GetChildren().Select(c => c.Key).Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Unknown setting {string.Join(", ", unknown.Select(k => $"{Section}:{k}"))}; the {Section} section takes {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
        }

        var defaults = new CheckSettings();
        var settings = new CheckSettings
        {
            AccessKeyMaxAgeDays = section.GetValue(nameof(CheckSettings.AccessKeyMaxAgeDays), defaults.AccessKeyMaxAgeDays),
            PasswordMinimumLength = section.GetValue(nameof(CheckSettings.PasswordMinimumLength), defaults.PasswordMinimumLength),
            AdminPorts = List<int>(section, nameof(CheckSettings.AdminPorts)) ?? defaults.AdminPorts,
            UnusedCredentialDays = section.GetValue(nameof(CheckSettings.UnusedCredentialDays), defaults.UnusedCredentialDays),
            RootUsageWindowDays = section.GetValue(nameof(CheckSettings.RootUsageWindowDays), defaults.RootUsageWindowDays),
            AccessKeyExceptionTags = List<string>(section, nameof(CheckSettings.AccessKeyExceptionTags)) ?? defaults.AccessKeyExceptionTags,
            DatabasePorts = List<int>(section, nameof(CheckSettings.DatabasePorts)) ?? defaults.DatabasePorts,
            SecretRotationMaxDays = section.GetValue(nameof(CheckSettings.SecretRotationMaxDays), defaults.SecretRotationMaxDays),
            RequiredTags = List<string>(section, nameof(CheckSettings.RequiredTags)) ?? defaults.RequiredTags,
            RequiredTagsIgnoreCase = section.GetValue(nameof(CheckSettings.RequiredTagsIgnoreCase), defaults.RequiredTagsIgnoreCase),
            RequireDynamoDbEndpoint = section.GetValue(nameof(CheckSettings.RequireDynamoDbEndpoint), defaults.RequireDynamoDbEndpoint),
        };

        var problems = settings.Problems();
        return problems.Count == 0
            ? settings
            : throw new InvalidOperationException($"Invalid {Section} settings: {string.Join(" ", problems)}");
    }

    private static T[]? List<T>(IConfigurationSection section, string key) => section.GetSection(key).Get<T[]>();
}
