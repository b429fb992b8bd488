using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Aws;
using Dashboard.Aws.Access;
using Dashboard.Aws.Collectors;
using Dashboard.Core.Checks;
using Dashboard.Core.Inventory;

namespace Dashboard.Cli.Commands;

/// <summary>
/// `scan [--profile NAME | --role-arn ARN --external-id ID] [--regions r1,r2] [--settings FILE] [--output FILE]`: collects one account,
/// evaluates every check and writes {inventory, results}. Exit 0 when the scan ran (even with collection errors,
/// which are in the output and turn the affected checks into Error results); 1 when the account could not be reached.
/// </summary>
internal static class ScanCommand
{
    public static readonly CliCommand Command = new("collect one AWS account and evaluate every check (JSON output)", RunAsync);

    private const string Usage = "usage: scan [--profile NAME | --role-arn ARN --external-id ID] [--regions r1,r2] [--settings FILE] [--output FILE]";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly JsonSerializerOptions SettingsJsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var target = new AccountTarget();
        string? output = null;
        var settings = new CheckSettings();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--profile" when value is not null:
                    target = target with { Profile = value };
                    i++;
                    break;
                case "--role-arn" when value is not null:
                    target = target with { RoleArn = value };
                    i++;
                    break;
                case "--external-id" when value is not null:
                    target = target with { ExternalId = value };
                    i++;
                    break;
                case "--regions" when value is not null:
                    target = target with { Regions = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    i++;
                    break;
                case "--settings" when value is not null:
                    if (await ReadSettingsAsync(value, stderr, cancellationToken) is not { } read)
                    {
                        return 2;
                    }

                    settings = read;
                    i++;
                    break;
                case "--output" when value is not null:
                    output = value;
                    i++;
                    break;
                default:
                    await stderr.WriteLineAsync($"unknown or incomplete argument '{args[i]}'; {Usage}");
                    return 2;
            }
        }

        if (target.ExternalId is not null && target.RoleArn is null)
        {
            await stderr.WriteLineAsync($"--external-id needs --role-arn; {Usage}");
            return 2;
        }

        CollectionResult collected;
        try
        {
            collected = await new AccountCollector(new CollectionOptions()).CollectAsync(target, cancellationToken);
        }
        catch (AccountAccessException ex)
        {
            await stderr.WriteLineAsync($"scan failed: {ex.Message}");
            return 1;
        }

        var inventory = collected.Inventory;
        var results = CheckCatalog.Default.EvaluateAll(new EvaluationContext(inventory, inventory.CollectedAt) { Settings = settings });
        var report = new ScanReport(inventory, results.Select(r => new ScanResult(r.CheckId, r.Status, r.ResourceId, r.Region, r.Reason)).ToList(), collected.TotalCalls);
        var json = JsonSerializer.Serialize(report, JsonOptions);
        if (output is null)
        {
            await stdout.WriteLineAsync(json);
        }
        else
        {
            await File.WriteAllTextAsync(output, json, cancellationToken);
            await stdout.WriteLineAsync(
                $"account {inventory.AccountId}: {inventory.Regions.Count} regions, {collected.TotalCalls} calls in {collected.Duration.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} s, {inventory.Errors.Count} collection errors, "
                + $"{results.Count} results ({results.Count(r => r.Status == ResultStatus.Fail)} fail, {results.Count(r => r.Status == ResultStatus.Error)} error) -> {output}");
        }

        return 0;
    }

    /// <summary>
    /// Check settings as JSON with the keys of the web app's Checks section, e.g. {"RequiredTags": ["Owner"]}; keys left
    /// out keep their defaults, a list replaces the default list. Unknown keys and bad values are refused.
    /// </summary>
    internal static async Task<CheckSettings?> ReadSettingsAsync(string path, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(path);
            var settings = await JsonSerializer.DeserializeAsync<CheckSettings>(file, SettingsJsonOptions, cancellationToken)
                ?? throw new JsonException("the file holds null");
            var problems = settings.Problems();
            if (problems.Count == 0)
            {
                return settings;
            }

            await stderr.WriteLineAsync($"--settings {path}: {string.Join(" ", problems)}");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            await stderr.WriteLineAsync($"--settings {path}: {ex.Message}");
            return null;
        }
    }

    private sealed record ScanReport(AccountInventory Inventory, IReadOnlyList<ScanResult> Results, int Calls);

    private sealed record ScanResult(string CheckId, ResultStatus Status, string Resource, string Region, string Reason);
}
