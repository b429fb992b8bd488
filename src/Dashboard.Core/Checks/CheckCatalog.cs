using System.Reflection;

namespace Dashboard.Core.Checks;

/// <summary>Every check in this assembly, found once by reflection, ordered by id.</summary>
public sealed class CheckCatalog
{
    public static CheckCatalog Default { get; } = new(DiscoverChecks());

    private readonly Dictionary<string, Check> _byId;

    public CheckCatalog(IEnumerable<Check> checks)
    {
        All = checks.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
        _byId = All.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Check> All { get; }

    public Check? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Runs every check. A check that throws yields one Error result instead of stopping the scan.</summary>
    public IReadOnlyList<CheckResult> EvaluateAll(EvaluationContext context)
    {
        var results = new List<CheckResult>();
        foreach (var check in All)
        {
            try
            {
                results.AddRange(check.Evaluate(context));
            }
#pragma warning disable CA1031 // one faulty check must not lose the other checks' results
            catch (Exception ex)
#pragma warning restore CA1031
            {
                results.Add(new CheckResult(check.Id, ResultStatus.Error, Inventory.Regions.Global, context.Inventory.AccountId,
                    null, $"check failed: {ex.GetType().Name}: {ex.Message}", new Dictionary<string, string>()));
            }
        }

        return results;
    }

    private static IEnumerable<Check> DiscoverChecks() =>
        typeof(Check).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(Check))
                && t.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null)
            .Select(t => (Check)Activator.CreateInstance(t)!);
}
