using Dashboard.Core.Checks;

namespace Dashboard.Core.Frameworks;

/// <summary>Result counts of one check over a set of results (one account, or several).</summary>
public sealed record CheckOutcome(string CheckId, int Pass, int Fail, int Manual, int NotApplicable, int Error)
{
    public static CheckOutcome Empty(string checkId) => new(checkId, 0, 0, 0, 0, 0);

    public CheckOutcome Add(ResultStatus status, int count = 1) => status switch
    {
        ResultStatus.Pass => this with { Pass = Pass + count },
        ResultStatus.Fail => this with { Fail = Fail + count },
        ResultStatus.Manual => this with { Manual = Manual + count },
        ResultStatus.NotApplicable => this with { NotApplicable = NotApplicable + count },
        _ => this with { Error = Error + count },
    };

    /// <summary>The counts of both, e.g. the same check over two accounts.</summary>
    public CheckOutcome Plus(CheckOutcome other) =>
        new(CheckId, Pass + other.Pass, Fail + other.Fail, Manual + other.Manual, NotApplicable + other.NotApplicable, Error + other.Error);

    public static IReadOnlyDictionary<string, CheckOutcome> From(IEnumerable<CheckResult> results)
    {
        var byCheck = new Dictionary<string, CheckOutcome>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            byCheck[result.CheckId] = (byCheck.GetValueOrDefault(result.CheckId) ?? Empty(result.CheckId)).Add(result.Status);
        }

        return byCheck;
    }
}

/// <summary>
/// A requirement's verdict from its checks' outcomes. Precedence: any failing resource fails it; otherwise a collection
/// error leaves it undecided (Error, never Pass); otherwise anything left for a human makes it Manual; otherwise it
/// passes when something passed; with no results at all it is NotApplicable.
/// </summary>
public static class ComplianceRules
{
    public static ResultStatus RequirementStatus(Requirement requirement, IReadOnlyDictionary<string, CheckOutcome> outcomes)
    {
        var relevant = requirement.CheckIds.Select(id => outcomes.GetValueOrDefault(id)).OfType<CheckOutcome>().ToList();
        if (relevant.Any(o => o.Fail > 0))
        {
            return ResultStatus.Fail;
        }

        if (relevant.Any(o => o.Error > 0))
        {
            return ResultStatus.Error;
        }

        if (relevant.Any(o => o.Manual > 0) || (relevant.Count == 0 && !requirement.Automated))
        {
            return ResultStatus.Manual;
        }

        return relevant.Any(o => o.Pass > 0) ? ResultStatus.Pass : ResultStatus.NotApplicable;
    }

    /// <summary>Scores a framework (or one of its sections when <paramref name="sectionId"/> is given).</summary>
    public static ComplianceScore Score(Framework framework, IReadOnlyDictionary<string, CheckOutcome> outcomes, string? sectionId = null)
    {
        var counts = new int[5];
        foreach (var section in framework.Sections.Where(s => sectionId is null || s.Id == sectionId))
        {
            foreach (var requirement in section.Requirements)
            {
                counts[(int)RequirementStatus(requirement, outcomes)]++;
            }
        }

        return new ComplianceScore(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }
}

/// <summary>Requirement counts by verdict. Percent = passed / (passed + failed); null when nothing was decided.</summary>
public sealed record ComplianceScore(int Passed, int Failed, int Manual, int NotApplicable, int Error)
{
    public double? Percent => Passed + Failed == 0 ? null : Math.Round(100.0 * Passed / (Passed + Failed), 1);
}
