using Dashboard.Core.Policies;

namespace Dashboard.Core.Tests.Policies;

public class PolicyWildcardTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "anything", true)]
    [InlineData("s3:Get*", "s3:GetObject", true)]
    [InlineData("s3:Get*", "s3:PutObject", false)]
    [InlineData("s3:?etObject", "s3:GetObject", true)]
    [InlineData("s3:?etObject", "s3:etObject", false)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("**", "x", true)]
    [InlineData("abc", "abcd", false)]
    [InlineData("abc*", "ab", false)]
    public void Matches_Patterns_BehaveLikeIam(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, PolicyWildcard.Matches(pattern, value));
    }

    [Fact]
    public void Matches_CaseSensitiveRequested_ComparesExactly()
    {
        Assert.True(PolicyWildcard.Matches("S3:GETOBJECT", "s3:GetObject"));
        Assert.False(PolicyWildcard.Matches("S3:GETOBJECT", "s3:GetObject", ignoreCase: false));
    }

    [Fact]
    public void Matches_HostilePattern_FinishesQuickly()
    {
        var pattern = string.Concat(Enumerable.Repeat("a*", 200)) + "b";
        var value = new string('a', 5_000);

        Assert.False(PolicyWildcard.Matches(pattern, value));
    }
}
