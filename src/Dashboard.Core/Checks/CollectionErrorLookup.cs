using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks;

/// <summary>
/// Finds the collection errors of one <see cref="DataSource"/> regardless of region, for checks whose data does not
/// follow the one-region shape that <see cref="Check"/>'s ErrorFor assumes (buckets, trails, regional list calls).
/// </summary>
internal static class CollectionErrorLookup
{
    /// <summary>The first error of <paramref name="source"/> anywhere, whatever it was about.</summary>
    public static CollectionError? FirstError(this EvaluationContext context, DataSource source) =>
        Errors(context, source).FirstOrDefault();

    /// <summary>The first error of <paramref name="source"/> about one of <paramref name="resourceIds"/> (for example a bucket name, or a trail's ARN and name).</summary>
    public static CollectionError? ErrorAbout(this EvaluationContext context, DataSource source, params string[] resourceIds) =>
        Errors(context, source).FirstOrDefault(e => e.ResourceId is not null && resourceIds.Contains(e.ResourceId, StringComparer.Ordinal));

    /// <summary>The first error of <paramref name="source"/> in each region that has one, ordered by region.</summary>
    public static IReadOnlyList<CollectionError> FirstErrorPerRegion(this EvaluationContext context, DataSource source) =>
        Errors(context, source)
            .GroupBy(e => e.Region, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();

    private static IEnumerable<CollectionError> Errors(EvaluationContext context, DataSource source) =>
        context.Inventory.Errors.Where(source.Produced);
}
