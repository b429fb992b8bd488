using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Rds;
using static Dashboard.Core.Tests.Checks.Rds.RdsTestData;

namespace Dashboard.Core.Tests.Checks.Rds;

public class RdsInstanceAutoMinorUpgradeTests
{
    [Fact]
    public void Evaluate_AutoUpgradeOn_ReturnsPass()
    {
        var result = Assert.Single(new RdsInstanceAutoMinorUpgrade().Run(With(Instance("orders") with { AutoMinorVersionUpgrade = true })));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("true", result.Evidence["autoMinorVersionUpgrade"]);
    }

    [Fact]
    public void Evaluate_AutoUpgradeOff_ReturnsFail()
    {
        var result = Assert.Single(new RdsInstanceAutoMinorUpgrade().Run(With(Instance("orders"))));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("automatic minor version upgrades are off", result.Reason);
    }

    [Fact]
    public void Evaluate_NoInstances_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new RdsInstanceAutoMinorUpgrade().Run(With())).Status);
    }

    [Fact]
    public void Evaluate_DescribeDenied_ReturnsError()
    {
        var result = Assert.Single(new RdsInstanceAutoMinorUpgrade().Run(With() with { Errors = [DescribeDenied("eu-west-1")] }));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("rds:DescribeDBInstances", result.Reason);
    }
}
