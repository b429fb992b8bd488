using Dashboard.Core.Checks;
using Dashboard.Core.Checks.CloudWatch;

namespace Dashboard.Core.Tests.Checks.CloudWatch;

/// <summary>The facts every CIS 4.x check shares; each check's test class supplies its check and patterns written the way the benchmark shows them.</summary>
public abstract class CloudWatchAlarmCheckTestBase
{
    private protected abstract Check Check { get; }

    /// <summary>The control's filter written in the benchmark's usual style (its own order, spacing and quoting).</summary>
    private protected abstract string CompliantPattern { get; }

    /// <summary>The same filter with one required term left out.</summary>
    private protected abstract string PatternMissingOneTerm { get; }

    private protected abstract FilterRequirement Requirement { get; }

    [Fact]
    public void Evaluate_CompleteChainWithBenchmarkStylePattern_ReturnsPass()
    {
        var result = Assert.Single(Check.Run(AlarmChainInventory.Build(CompliantPattern)));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal(TestInventory.AccountId, result.ResourceId);
        Assert.Equal("email", result.Evidence["subscriptionProtocol"]);
    }

    [Fact]
    public void Evaluate_CompleteChainWithGeneratedPattern_ReturnsPass()
    {
        Assert.Equal(ResultStatus.Pass, Assert.Single(Check.Run(AlarmChainInventory.Build(Requirement.ToPattern()))).Status);
    }

    [Fact]
    public void Evaluate_FilterMissingOneTerm_ReturnsFailWithTriageNote()
    {
        var result = Assert.Single(Check.Run(AlarmChainInventory.Build(PatternMissingOneTerm)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Contains("no metric filter with the required terms", result.Reason);
        Assert.Contains("EventBridge", result.Reason);
        Assert.StartsWith("lacks ", result.Evidence["closestFilterGap"]);
    }

    [Fact]
    public void Evaluate_AlarmsDenied_ReturnsError()
    {
        var inventory = AlarmChainInventory.Build(CompliantPattern) with
        {
            Monitoring = AlarmChainInventory.Build(CompliantPattern).Monitoring with { AlarmsByRegion = new Dictionary<string, IReadOnlyList<Inventory.MetricAlarm>>() },
            Errors = [TestInventory.AccessDenied("cloudwatch", "DescribeAlarms", AlarmChainInventory.Region)],
        };

        var result = Assert.Single(Check.Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("cloudwatch:DescribeAlarms", result.Reason);
    }

    [Fact]
    public void Metadata_CliRemediation_ContainsTheControlsPattern()
    {
        Assert.Contains(Requirement.ToPattern(), Check.Metadata.Remediation.Cli, StringComparison.Ordinal);
        Assert.True(MetricFilterPattern.Match(CompliantPattern, Requirement).Matched);
    }
}
