using Dashboard.Core.Checks;
using Dashboard.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Web.Tests.Hosting;

public class CheckSettingsSetupTests
{
    private static CheckSettings Read(params (string Key, string Value)[] values) =>
        CheckSettingsSetup.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"Checks:{v.Key}", v.Value)))
            .Build()
            .GetSection(CheckSettingsSetup.Section));

    [Fact]
    public void Read_EmptySection_GivesTheCisDefaults() => Assert.Equal(new CheckSettings().RequiredTags, Read().RequiredTags);

    [Fact]
    public void Read_ConfiguredList_ReplacesTheDefaultListInsteadOfAppending()
    {
        var settings = Read(("RequiredTags:0", "Owner"), ("AdminPorts:0", "22"), ("AdminPorts:1", "2222"), ("UnusedCredentialDays", "30"));

        Assert.Equal(["Owner"], settings.RequiredTags);
        Assert.Equal([22, 2222], settings.AdminPorts);
        Assert.Equal(30, settings.UnusedCredentialDays);
        Assert.Equal(new CheckSettings().DatabasePorts, settings.DatabasePorts);
    }

    [Fact]
    public void Read_UnknownKey_StopsWithTheKeyNamed()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("RequiredTag:0", "Owner")));

        Assert.Contains("Checks:RequiredTag", error.Message, StringComparison.Ordinal);
        Assert.Contains("RequiredTags", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OutOfRangeValues_StopWithWhatIsWrong()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("AccessKeyMaxAgeDays", "0"), ("DatabasePorts:0", "70000")));

        Assert.Contains("AccessKeyMaxAgeDays", error.Message, StringComparison.Ordinal);
        Assert.Contains("DatabasePorts", error.Message, StringComparison.Ordinal);
    }
}
