using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.Frameworks;

/// <summary>
/// A compliance framework as data: sections of requirements, each pointing at the checks that evaluate it.
/// Checks never mention frameworks. Loaded from the JSON files under Frameworks/Data (embedded resources).
/// </summary>
public sealed record Framework
{
    /// <summary>Stable id: cis-aws-3.0.0, cis-aws-4.0.1, cis-aws-5.0.0, cis-aws-6.0.0, cis-aws-7.0.0, aws-security-checklist.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }
    public required string Version { get; init; }
    public IReadOnlyList<FrameworkSection> Sections { get; init; } = [];

    [JsonIgnore]
    public IEnumerable<Requirement> Requirements => Sections.SelectMany(s => s.Requirements);
}

public sealed record FrameworkSection
{
    /// <summary>Section number as the framework writes it, e.g. "1", "2.1".</summary>
    public required string Id { get; init; }

    /// <summary>Our own short title.</summary>
    public required string Title { get; init; }

    public IReadOnlyList<Requirement> Requirements { get; init; } = [];
}

public sealed record Requirement
{
    /// <summary>Requirement id within the framework, e.g. "1.4" or "X3".</summary>
    public required string Id { get; init; }

    /// <summary>Our own short title (CIS prose is licensed).</summary>
    public required string Title { get; init; }

    /// <summary>CIS profile level: "L1", "L2", or null for non-CIS frameworks.</summary>
    public string? Level { get; init; }

    /// <summary>The framework's own label (CIS "Automated"/"Manual"); how we evaluate is up to the checks.</summary>
    public bool Automated { get; init; } = true;

    /// <summary>Checks evaluating this requirement. A requirement passes when every result of every check passes.</summary>
    public IReadOnlyList<string> CheckIds { get; init; } = [];
}

/// <summary>The frameworks shipped with the product.</summary>
public sealed class FrameworkCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };
    private static readonly Lazy<FrameworkCatalog> Shipped = new(LoadEmbedded);

    public FrameworkCatalog(IReadOnlyList<Framework> frameworks) => All = frameworks;

    public static FrameworkCatalog Default => Shipped.Value;

    public IReadOnlyList<Framework> All { get; }

    public Framework? Find(string id) => All.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>"framework:requirement" strings for a check, e.g. "cis-aws-5.0.0:1.4".</summary>
    public IEnumerable<string> RequirementsOf(string checkId) =>
        from f in All
        from r in f.Requirements
        where r.CheckIds.Contains(checkId, StringComparer.Ordinal)
        select $"{f.Id}:{r.Id}";

    private static FrameworkCatalog LoadEmbedded()
    {
        var assembly = typeof(FrameworkCatalog).Assembly;
        var frameworks = new List<Framework>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(".Frameworks.Data.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            frameworks.Add(JsonSerializer.Deserialize<Framework>(stream, JsonOptions)
                ?? throw new InvalidOperationException($"framework resource {name} is empty"));
        }

        return new FrameworkCatalog(frameworks);
    }
}
