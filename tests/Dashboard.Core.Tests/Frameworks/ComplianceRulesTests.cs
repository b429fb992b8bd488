using Dashboard.Core.Checks;
using Dashboard.Core.Frameworks;

namespace Dashboard.Core.Tests.Frameworks;

public class ComplianceRulesTests
{
    private static readonly Framework Sample = new()
    {
        Id = "sample",
        Name = "Sample",
        Version = "1",
        Sections =
        [
            new FrameworkSection
            {
                Id = "1",
                Title = "One",
                Requirements =
                [
                    new Requirement { Id = "1.1", Title = "passes", CheckIds = ["a_pass"] },
                    new Requirement { Id = "1.2", Title = "fails on one of two checks", CheckIds = ["a_pass", "b_fail"] },
                    new Requirement { Id = "1.3", Title = "error", CheckIds = ["c_error", "a_pass"] },
                ],
            },
            new FrameworkSection
            {
                Id = "2",
                Title = "Two",
                Requirements =
                [
                    new Requirement { Id = "2.1", Title = "manual result", CheckIds = ["d_manual", "a_pass"] },
                    new Requirement { Id = "2.2", Title = "nothing applies", CheckIds = ["e_not_applicable"] },
                    new Requirement { Id = "2.3", Title = "manual label, no results", Automated = false, CheckIds = ["f_missing"] },
                    new Requirement { Id = "2.4", Title = "automated, no results", CheckIds = ["f_missing"] },
                    new Requirement { Id = "2.5", Title = "passes", CheckIds = ["a_pass"] },
                ],
            },
        ],
    };

    private static IReadOnlyDictionary<string, CheckOutcome> Outcomes(params (string CheckId, ResultStatus Status)[] results) =>
        CheckOutcome.From(results.Select(r => new CheckResult(r.CheckId, r.Status, "us-east-1", $"{r.CheckId}-{Guid.NewGuid():N}", null, "reason",
            new Dictionary<string, string>())));

    private static readonly IReadOnlyDictionary<string, CheckOutcome> Mixed = Outcomes(
        ("a_pass", ResultStatus.Pass), ("a_pass", ResultStatus.Pass),
        ("b_fail", ResultStatus.Pass), ("b_fail", ResultStatus.Fail),
        ("c_error", ResultStatus.Error),
        ("d_manual", ResultStatus.Manual),
        ("e_not_applicable", ResultStatus.NotApplicable));

    private static Requirement Requirement(string id) => Sample.Requirements.Single(r => r.Id == id);

    [Theory]
    [InlineData("1.1", ResultStatus.Pass)]
    [InlineData("1.2", ResultStatus.Fail)]
    [InlineData("1.3", ResultStatus.Error)]
    [InlineData("2.1", ResultStatus.Manual)]
    [InlineData("2.2", ResultStatus.NotApplicable)]
    [InlineData("2.3", ResultStatus.Manual)]
    [InlineData("2.4", ResultStatus.NotApplicable)]
    public void RequirementStatus_FollowsPrecedence(string requirementId, ResultStatus expected) =>
        Assert.Equal(expected, ComplianceRules.RequirementStatus(Requirement(requirementId), Mixed));

    [Fact]
    public void RequirementStatus_FailBeatsErrorAndManual()
    {
        var requirement = new Requirement { Id = "r", Title = "t", CheckIds = ["x", "y", "z"] };
        var outcomes = Outcomes(("x", ResultStatus.Error), ("y", ResultStatus.Manual), ("z", ResultStatus.Fail), ("z", ResultStatus.Pass));

        Assert.Equal(ResultStatus.Fail, ComplianceRules.RequirementStatus(requirement, outcomes));
    }

    [Fact]
    public void RequirementStatus_ErrorIsNeverPass()
    {
        var requirement = new Requirement { Id = "r", Title = "t", CheckIds = ["x"] };
        var outcomes = Outcomes(("x", ResultStatus.Pass), ("x", ResultStatus.Pass), ("x", ResultStatus.Error));

        Assert.Equal(ResultStatus.Error, ComplianceRules.RequirementStatus(requirement, outcomes));
    }

    [Fact]
    public void RequirementStatus_IgnoresOutcomesOfUnmappedChecks()
    {
        var outcomes = Outcomes(("a_pass", ResultStatus.Pass), ("unrelated", ResultStatus.Fail), ("unrelated", ResultStatus.Error));

        Assert.Equal(ResultStatus.Pass, ComplianceRules.RequirementStatus(Requirement("1.1"), outcomes));
    }

    [Fact]
    public void Score_Framework_CountsRequirementsByVerdict()
    {
        var score = ComplianceRules.Score(Sample, Mixed);

        Assert.Equal(new ComplianceScore(Passed: 2, Failed: 1, Manual: 2, NotApplicable: 2, Error: 1), score);
        Assert.Equal(66.7, score.Percent);
    }

    [Fact]
    public void Score_Section_CountsOnlyThatSection()
    {
        var one = ComplianceRules.Score(Sample, Mixed, "1");
        var two = ComplianceRules.Score(Sample, Mixed, "2");

        Assert.Equal(new ComplianceScore(1, 1, 0, 0, 1), one);
        Assert.Equal(50.0, one.Percent);
        Assert.Equal(new ComplianceScore(1, 0, 2, 2, 0), two);
        Assert.Equal(100.0, two.Percent);
    }

    [Fact]
    public void Score_AllPassing_Is100Percent()
    {
        var outcomes = Outcomes(("a_pass", ResultStatus.Pass), ("b_fail", ResultStatus.Pass), ("c_error", ResultStatus.Pass),
            ("d_manual", ResultStatus.Pass), ("e_not_applicable", ResultStatus.Pass), ("f_missing", ResultStatus.Pass));

        var score = ComplianceRules.Score(Sample, outcomes);

        Assert.Equal(8, score.Passed);
        Assert.Equal(100.0, score.Percent);
    }

    [Fact]
    public void Score_NothingDecided_HasNoPercent()
    {
        var score = ComplianceRules.Score(Sample, Outcomes(("d_manual", ResultStatus.Manual), ("c_error", ResultStatus.Error)));

        Assert.Equal(0, score.Passed + score.Failed);
        Assert.Null(score.Percent);
    }

    [Fact]
    public void Score_UnknownSection_IsEmpty() =>
        Assert.Equal(new ComplianceScore(0, 0, 0, 0, 0), ComplianceRules.Score(Sample, Mixed, "9"));

    [Fact]
    public void CheckOutcome_From_CountsEachStatusPerCheck()
    {
        var outcome = Mixed["b_fail"];

        Assert.Equal(new CheckOutcome("b_fail", Pass: 1, Fail: 1, Manual: 0, NotApplicable: 0, Error: 0), outcome);
    }
}
