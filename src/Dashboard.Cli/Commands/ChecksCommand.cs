using System.Text.Encodings.Web;
using System.Text.Json;
using Dashboard.Core.Checks;
using Dashboard.Core.Frameworks;

namespace Dashboard.Cli.Commands;

/// <summary>`dashboard checks [--format table|json]`: the check catalog with framework requirements and remediation.</summary>
public static class ChecksCommand
{
    public static CliCommand Command { get; } = new("list every check, the framework requirements it covers and its remediation", RunAsync);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Output for terminals and pipelines, not HTML: keep <bucket> and quotes in CLI snippets readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One check as the JSON output describes it.</summary>
    public sealed record CheckDocument(
        string Id, string Title, string Severity, string Service, string ResourceType, string Rationale, bool ManualReview,
        IReadOnlyList<string> Requirements, RemediationDocument Remediation, IReadOnlyList<string> IamActions, IReadOnlyList<string> References);

    public sealed record RemediationDocument(string Steps, string Cli, string Terraform, string CloudFormation);

    public static IReadOnlyList<CheckDocument> Describe(CheckCatalog checks, FrameworkCatalog frameworks) =>
        checks.All.Select(c => c.Metadata).Select(m => new CheckDocument(
            m.Id, m.Title, m.Severity.ToString(), m.Service, m.ResourceType, m.Rationale, m.ManualReview,
            frameworks.RequirementsOf(m.Id).ToList(),
            new RemediationDocument(m.Remediation.Steps, m.Remediation.Cli, m.Remediation.Terraform, m.Remediation.CloudFormation),
            m.IamActions.ToList(),
            m.References)).ToList();

    private static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var format = "table";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--format" && i + 1 < args.Length)
            {
                format = args[++i];
            }
            else if (args[i].StartsWith("--format=", StringComparison.Ordinal))
            {
                format = args[i]["--format=".Length..];
            }
            else if (args[i] is "-h" or "--help")
            {
                await stdout.WriteLineAsync("usage: dashboard checks [--format table|json]");
                return 0;
            }
            else
            {
                await stderr.WriteLineAsync($"checks: unknown argument '{args[i]}'; usage: dashboard checks [--format table|json]");
                return 2;
            }
        }

        var documents = Describe(CheckCatalog.Default, FrameworkCatalog.Default);
        switch (format)
        {
            case "json":
                await stdout.WriteLineAsync(JsonSerializer.Serialize(documents, Json).AsMemory(), cancellationToken);
                return 0;
            case "table":
                await WriteTableAsync(documents, stdout, cancellationToken);
                return 0;
            default:
                await stderr.WriteLineAsync($"checks: unknown format '{format}'; use table or json");
                return 2;
        }
    }

    private static async Task WriteTableAsync(IReadOnlyList<CheckDocument> documents, TextWriter stdout, CancellationToken cancellationToken)
    {
        string[] header = ["ID", "SEVERITY", "SERVICE", "REQUIREMENTS", "TITLE"];
        var rows = documents.Select(d => new[] { d.Id, d.Severity, d.Service, d.Requirements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Title }).ToList();
        var widths = Enumerable.Range(0, header.Length - 1).Select(i => rows.Select(r => r[i].Length).Append(header[i].Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            var line = string.Join("  ", row.Take(widths.Length).Select((cell, i) => cell.PadRight(widths[i]))) + "  " + row[^1];
            await stdout.WriteLineAsync(line.AsMemory(), cancellationToken);
        }

        await stdout.WriteLineAsync($"{documents.Count} checks; `dashboard checks --format json` adds requirements and remediation.".AsMemory(), cancellationToken);
    }
}
