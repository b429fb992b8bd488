using Dashboard.Core.Policies;

namespace Dashboard.Core.Tests.Policies;

/// <summary>Runs every document of <see cref="PolicyFixtures"/> through the analyses and compares the verdicts.</summary>
public class PolicyFixtureTests
{
    public static TheoryData<string> Names => PolicyFixtures.Names;

    [Fact]
    public void Corpus_HasAtLeastSixtyCases()
    {
        Assert.True(PolicyFixtures.All.Count >= 60, $"only {PolicyFixtures.All.Count} fixtures");
        Assert.Equal(PolicyFixtures.All.Count, PolicyFixtures.All.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Access_Fixture_HasExpectedExposure(string name)
    {
        var fixture = PolicyFixtures.Find(name);

        var report = PolicyAnalysis.Of(fixture.Json).Access(PolicyFixtures.Options);

        Assert.True(fixture.Exposure == report.Exposure,
            $"expected {fixture.Exposure}, got {report.Exposure}: {report.Error}{string.Join("; ", report.Statements.Select(s => s.Reason))}");
        if (fixture.External is { } external)
        {
            Assert.Equal(external.Order(StringComparer.Ordinal), report.ExternalAccountIds);
        }

        if (fixture.Exposure == Exposure.NotEvaluated)
        {
            Assert.False(string.IsNullOrWhiteSpace(report.Error));
            Assert.False(report.Evaluated);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Admin_Fixture_HasExpectedVerdict(string name)
    {
        var fixture = PolicyFixtures.Find(name);
        var analysis = PolicyAnalysis.Of(fixture.Json);

        var admin = analysis.Admin();
        var wildcards = analysis.Wildcards();

        if (fixture.Admin is { } expected)
        {
            Assert.True(expected == admin.Access, $"expected {expected}, got {admin.Access}: {admin.Reason}");
        }

        if (fixture.Wildcard is { } level)
        {
            Assert.True(level == wildcards.Level, $"expected {level}, got {wildcards.Level}: {string.Join("; ", wildcards.Findings.Select(f => f.Description))}");
        }

        Assert.Equal(analysis.CanEvaluate, admin.Evaluated);
        Assert.Equal(analysis.CanEvaluate, wildcards.Evaluated);
        Assert.False(string.IsNullOrWhiteSpace(admin.Reason));
    }
}
