using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Rds;

/// <summary>
/// Base for checks over RDS DB instances: each region whose DescribeDBInstances failed is one Error, an account without
/// instances (and without errors) is one NotApplicable, and every listed instance gets one verdict.
/// </summary>
public abstract class RdsInstanceCheck : Check
{
    public sealed override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var errors = context.FirstErrorPerRegion(Sources.RdsInstances);
        foreach (var error in errors)
        {
            yield return Error(error.Region, "db-instances", null, error);
        }

        if (inventory.Rds.Instances.Count == 0 && errors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no RDS DB instances");
        }

        var failedRegions = errors.Select(e => e.Region).ToHashSet(StringComparer.Ordinal);
        foreach (var instance in inventory.Rds.Instances.Where(i => !failedRegions.Contains(i.Region)))
        {
            yield return Judge(context, instance);
        }
    }

    protected abstract CheckResult Judge(EvaluationContext context, RdsInstance instance);

    protected static (string, string) EngineEvidence(RdsInstance instance) => ("engine", instance.Engine);
}
