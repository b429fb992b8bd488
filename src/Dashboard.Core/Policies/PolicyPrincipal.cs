namespace Dashboard.Core.Policies;

/// <summary>A Principal or NotPrincipal element: either "*" or principal type (AWS, Service, Federated, CanonicalUser) to values.</summary>
public sealed record PolicyPrincipal
{
    public static readonly PolicyPrincipal Wildcard = new() { IsWildcard = true };

    /// <summary>True for the bare "*" form. {"AWS": "*"} is not folded into this; read <see cref="Aws"/> for it.</summary>
    public bool IsWildcard { get; init; }

    /// <summary>Values per principal type; the keys compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Aws => Of("AWS");
    public IReadOnlyList<string> Service => Of("Service");
    public IReadOnlyList<string> Federated => Of("Federated");

    public IReadOnlyList<string> Of(string principalType) =>
        Values.TryGetValue(principalType, out var values) ? values : [];
}
