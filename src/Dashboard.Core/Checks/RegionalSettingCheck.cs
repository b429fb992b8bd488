using System.Diagnostics.CodeAnalysis;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks;

/// <summary>
/// A check with one verdict per scanned Region about a Region-wide setting (EBS encryption by default, GuardDuty, Config...).
/// The resource is the account in that Region. A failed call in a Region gives an Error, and so does a Region whose data is
/// simply absent: a setting nobody read is never reported as compliant.
/// </summary>
public abstract class RegionalSettingCheck<T> : Check
{
    /// <summary>What was not read when a Region is missing, e.g. "the EBS encryption-by-default setting".</summary>
    private protected abstract string Subject { get; }

    private protected abstract bool TryGet(EvaluationContext context, string region, [MaybeNullWhen(false)] out T value);

    private protected abstract CheckResult EvaluateRegion(EvaluationContext context, string region, T value);

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        if (inventory.Regions.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "no Region was in scope for this scan");
            yield break;
        }

        foreach (var region in inventory.Regions)
        {
            // Any failed call of ours in the Region, whether a list call or one about a single item, leaves the verdict open.
            var error = inventory.Errors.FirstOrDefault(e => string.Equals(e.Region, region, StringComparison.Ordinal)
                && Metadata.DataSources.Any(d => d.Produced(e)));
            if (error is not null)
            {
                yield return Error(region, inventory.AccountId, null, error);
            }
            else if (TryGet(context, region, out var value))
            {
                yield return EvaluateRegion(context, region, value);
            }
            else
            {
                yield return Result(ResultStatus.Error, region, inventory.AccountId, null, $"{Subject} was not collected in {region}", []);
            }
        }
    }

    private protected static bool TryGetFrom<TValue>(IReadOnlyDictionary<string, TValue> byRegion, string region, [MaybeNullWhen(false)] out TValue value) =>
        byRegion.TryGetValue(region, out value);
}
