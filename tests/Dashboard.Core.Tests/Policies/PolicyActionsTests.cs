using Dashboard.Core.Policies;

namespace Dashboard.Core.Tests.Policies;

public class PolicyActionsTests
{
    [Theory]
    [InlineData("s3:GetObject", ActionBreadth.One)]
    [InlineData("s3:Get*", ActionBreadth.Partial)]
    [InlineData("ec2:?escribeInstances", ActionBreadth.Partial)]
    [InlineData("iam:*", ActionBreadth.Service)]
    [InlineData("IAM:**", ActionBreadth.Service)]
    [InlineData("*", ActionBreadth.Everything)]
    [InlineData("*:*", ActionBreadth.Everything)]
    [InlineData("*Object", ActionBreadth.Everything)]
    [InlineData("s*:Get*", ActionBreadth.Everything)]
    public void Breadth_Patterns_AreClassified(string pattern, ActionBreadth expected)
    {
        Assert.Equal(expected, PolicyActions.Breadth(pattern));
    }

    [Theory]
    [InlineData("s3:GetObject", true)]
    [InlineData("s3:get*", true)]
    [InlineData("ec2:Describe*", true)]
    [InlineData("dynamodb:Query", true)]
    [InlineData("s3:PutObject", false)]
    [InlineData("s3:*Object", false)]
    [InlineData("s3:*", false)]
    [InlineData("iam:PassRole", false)]
    [InlineData("sts:AssumeRole", false)]
    [InlineData("*", false)]
    public void IsReadOnly_Verbs_AreRecognised(string pattern, bool expected)
    {
        Assert.Equal(expected, PolicyActions.IsReadOnly(pattern));
    }

    [Theory]
    [InlineData("*", "s3:Get*", true)]
    [InlineData("s3:*", "s3:Get*", true)]
    [InlineData("S3:*", "s3:GetObject", true)]
    [InlineData("s3:Get*", "s3:GetObject", true)]
    [InlineData("s3:Get*", "s3:*", false)]
    [InlineData("s3:Get?bject", "s3:Get*", false)]
    [InlineData("s3:*Object", "s3:Get*", false)]
    [InlineData("s3:PutObject", "s3:GetObject", false)]
    public void Covers_DenyPatterns_CoverOnlyWhatTheyProvablyMatch(string covering, string pattern, bool expected)
    {
        Assert.Equal(expected, PolicyActions.Covers(covering, pattern));
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("arn:aws:*", true)]
    [InlineData("arn:*", true)]
    [InlineData("arn:aws:*:*:*:*", true)]
    [InlineData("arn:aws:s3:::*", false)]
    [InlineData("arn:aws:iam::111111111111:*", false)]
    [InlineData("", false)]
    public void MatchesEveryResource_Patterns(string pattern, bool expected)
    {
        Assert.Equal(expected, PolicyResources.MatchesEveryResource(pattern));
    }

    [Theory]
    [InlineData("arn:aws:s3:::b/*", "arn:aws:s3:::b/x", true)]
    [InlineData("arn:aws:s3:::b/*", "arn:aws:s3:::B/x", false)]
    [InlineData("arn:aws:s3:::b*", "arn:aws:s3:::b/*", true)]
    [InlineData("arn:aws:s3:::b", "arn:aws:s3:::b/*", false)]
    public void ResourceCovers_IsCaseSensitive(string covering, string pattern, bool expected)
    {
        Assert.Equal(expected, PolicyResources.Covers(covering, pattern));
    }

    [Theory]
    [InlineData("StringEquals", ConditionFamily.Text, false)]
    [InlineData("stringnotequalsifexists", ConditionFamily.Text, true)]
    [InlineData("ForAllValues:ArnNotLike", ConditionFamily.Arn, true)]
    [InlineData("NotIpAddress", ConditionFamily.IpAddress, true)]
    [InlineData("Null", ConditionFamily.Null, false)]
    [InlineData("NumericLessThanEquals", ConditionFamily.Numeric, false)]
    [InlineData("DateGreaterThan", ConditionFamily.Date, false)]
    [InlineData("BinaryEquals", ConditionFamily.Binary, false)]
    [InlineData("Bool", ConditionFamily.Bool, false)]
    [InlineData("StringSimilar", ConditionFamily.Unknown, false)]
    [InlineData("ForSomeValues:StringEquals", ConditionFamily.Unknown, false)]
    public void ConditionOperators_AreReadCaseInsensitively(string op, ConditionFamily family, bool negated)
    {
        var condition = new PolicyCondition(op, "k", ["v"]);

        Assert.Equal(family, condition.Family);
        Assert.Equal(negated, condition.IsNegated);
    }

    [Fact]
    public void BaseOperator_OtherCase_ComesBackInAwsSpelling()
    {
        Assert.Equal("StringLike", new PolicyCondition("foranyvalue:stringlikeifexists", "k", []).BaseOperator);
        Assert.Equal("ForAnyValue", new PolicyCondition("foranyvalue:stringlikeifexists", "k", []).SetQualifier);
    }

    [Fact]
    public void Access_ReportsTrustedAccountsAsNotExternal()
    {
        var options = new AccessOptions("111111111111") { TrustedAccountIds = ["222222222222"] };
        var json = """{"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["222222222222", "arn:aws:iam::333333333333:root"]}, "Action": "sts:AssumeRole"}]}""";

        var report = PolicyAnalysis.Of(json).Access(options);

        Assert.Equal(Exposure.CrossAccount, report.Exposure);
        Assert.Equal(["333333333333"], report.ExternalAccountIds);
        Assert.Contains("account 333333333333", Assert.Single(report.Statements).Reason);
    }

    [Fact]
    public void Access_UnparsableDocument_IsNotEvaluatedWithReason()
    {
        var report = PolicyAnalysis.Of("{\"Statement\": 5}").Access(new AccessOptions("111111111111"));

        Assert.Equal(Exposure.NotEvaluated, report.Exposure);
        Assert.False(report.IsPublic);
        Assert.Contains("Statement must be an object or an array", report.Error);
    }
}
