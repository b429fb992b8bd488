using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.CloudTrail;

/// <summary>
/// An account-level verdict: Pass when at least one trail meets every <see cref="Requirements"/>. A trail list with a Region
/// missing is an Error (the missing Region could hold the passing trail), and so is a candidate whose status or selectors
/// were not collected when no other trail passes.
/// </summary>
public abstract class TrailAccountCheck : Check
{
    private protected abstract TrailRequirement Requirements { get; }

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var accountId = context.Inventory.AccountId;
        if (context.FirstError(Sources.CloudTrailDescribeTrails) is { } listError)
        {
            yield return Error(Regions.Global, accountId, null, listError);
            yield break;
        }

        var assessments = context.Inventory.CloudTrail.Trails.Select(t => TrailRequirements.Assess(context, t, Requirements)).ToList();
        if (assessments.Count == 0)
        {
            yield return Fail(Regions.Global, accountId, null, "the account has no CloudTrail trail");
            yield break;
        }

        if (assessments.FirstOrDefault(a => a.Qualifies) is { } passing)
        {
            yield return Pass(Regions.Global, accountId, null, $"trail {passing.Trail.Name} {TrailRequirements.Describe(Requirements)}",
                TrailRequirements.Evidence(passing.Trail));
            yield break;
        }

        if (assessments.FirstOrDefault(a => a.Undecided) is { } undecided)
        {
            yield return undecided.UnknownError is { } error
                ? Error(Regions.Global, accountId, null, error)
                : Result(ResultStatus.Error, Regions.Global, accountId, null, $"trail {undecided.Trail.Name}: {undecided.Unknown}",
                    TrailRequirements.Evidence(undecided.Trail));
            yield break;
        }

        var closest = TrailRequirements.Closest(assessments);
        yield return Fail(Regions.Global, accountId, null,
            $"no trail meets every requirement; the closest, {closest.Trail.Name}, {string.Join(", ", closest.Missing)}",
            TrailRequirements.Evidence(closest.Trail));
    }
}
