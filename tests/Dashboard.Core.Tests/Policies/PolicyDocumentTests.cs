using Dashboard.Core.Policies;

namespace Dashboard.Core.Tests.Policies;

public class PolicyDocumentTests
{
    private static PolicyDocument ParseValid(string json)
    {
        var result = PolicyDocument.Parse(json);
        Assert.True(result.Succeeded, result.Error);
        return result.Document;
    }

    [Fact]
    public void Parse_StatementArrayWithArrays_ReadsEveryElement()
    {
        var document = ParseValid("""
            {
              "Version": "2012-10-17",
              "Id": "example",
              "Statement": [
                {
                  "Sid": "Read",
                  "Effect": "Allow",
                  "Principal": { "AWS": ["arn:aws:iam::111122223333:root", "222233334444"], "Service": "ec2.amazonaws.com" },
                  "Action": ["s3:GetObject", "s3:ListBucket"],
                  "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]
                },
                { "Effect": "Deny", "NotAction": "iam:*", "NotResource": "arn:aws:iam::*:role/x" }
              ]
            }
            """);

        Assert.Equal("2012-10-17", document.Version);
        Assert.Equal("example", document.Id);
        Assert.Equal(2, document.Statements.Count);
        var read = document.Statements[0];
        Assert.Equal("Read", read.Sid);
        Assert.Equal(PolicyEffect.Allow, read.Effect);
        Assert.Equal(["arn:aws:iam::111122223333:root", "222233334444"], read.Principal!.Aws);
        Assert.Equal(["ec2.amazonaws.com"], read.Principal.Service);
        Assert.Equal(["s3:GetObject", "s3:ListBucket"], read.Actions);
        Assert.Null(read.NotActions);
        Assert.Equal(2, read.Resources.Count);
        var deny = document.Statements[1];
        Assert.Equal(PolicyEffect.Deny, deny.Effect);
        Assert.Empty(deny.Actions);
        Assert.Equal(["iam:*"], deny.NotActions);
        Assert.Equal(["arn:aws:iam::*:role/x"], deny.NotResources);
        Assert.Null(deny.Principal);
    }

    [Fact]
    public void Parse_SingleStatementObject_ReadsOneStatement()
    {
        var document = ParseValid("""{"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*"}}""");

        var statement = Assert.Single(document.Statements);
        Assert.Same(PolicyPrincipal.Wildcard, statement.Principal);
        Assert.True(statement.Principal!.IsWildcard);
        Assert.Equal(["sts:AssumeRole"], statement.Actions);
        Assert.Null(document.Version);
    }

    [Fact]
    public void Parse_ConditionValues_KeepsStringsNumbersAndBooleansAsText()
    {
        var document = ParseValid("""
            {"Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {
              "Bool": {"aws:SecureTransport": false},
              "NumericLessThan": {"s3:TlsVersion": 1.2},
              "ForAnyValue:StringLike": {"aws:PrincipalTag/team": ["a*", "b"]}
            }}]}
            """);

        var conditions = Assert.Single(document.Statements).Conditions;
        Assert.Equal(3, conditions.Count);
        Assert.Equal(new PolicyCondition("Bool", "aws:SecureTransport", ["false"]).Values, conditions[0].Values);
        Assert.Equal(["1.2"], conditions[1].Values);
        Assert.Equal(["a*", "b"], conditions[2].Values);
    }

    [Fact]
    public void ConditionsOn_KeyWithDifferentCase_FindsCondition()
    {
        var document = ParseValid("""
            {"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "*"},
              "Condition": {"StringEquals": {"AWS:PrincipalOrgID": "o-123"}}}}
            """);

        var condition = Assert.Single(document.Statements[0].ConditionsOn("aws:principalorgid"));
        Assert.Equal(["o-123"], condition.Values);
    }

    [Theory]
    [InlineData("StringLike", "StringLike", null, false)]
    [InlineData("ForAnyValue:StringLike", "StringLike", "ForAnyValue", false)]
    [InlineData("StringEqualsIfExists", "StringEquals", null, true)]
    [InlineData("ForAllValues:StringNotLikeIfExists", "StringNotLike", "ForAllValues", true)]
    public void PolicyCondition_Operator_SplitsQualifierAndIfExists(string op, string baseOperator, string? qualifier, bool ifExists)
    {
        var condition = new PolicyCondition(op, "k", ["v"]);

        Assert.Equal(baseOperator, condition.BaseOperator);
        Assert.Equal(qualifier, condition.SetQualifier);
        Assert.Equal(ifExists, condition.IfExists);
    }

    [Fact]
    public void Parse_ElementNamesInOtherCase_AreRead()
    {
        var document = ParseValid("""{"statement": [{"effect": "allow", "action": "s3:GetObject", "resource": "*"}]}""");

        Assert.Equal(PolicyEffect.Allow, document.Statements[0].Effect);
        Assert.Equal(["s3:GetObject"], document.Statements[0].Actions);
    }

    [Fact]
    public void Parse_EmptyStatementArray_ReturnsNoStatements()
    {
        Assert.Empty(ParseValid("""{"Version": "2012-10-17", "Statement": []}""").Statements);
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("   ", "empty")]
    [InlineData("{not json", "invalid JSON")]
    [InlineData("%7B%22Version%22%3A%222012-10-17%22%7D", "invalid JSON")]
    [InlineData("""["Statement"]""", "must be a JSON object")]
    [InlineData("""{"Version": "2012-10-17"}""", "no Statement")]
    [InlineData("""{"Statement": "Allow"}""", "Statement must be an object or an array")]
    [InlineData("""{"Statement": [42]}""", "Statement[0] must be a JSON object")]
    [InlineData("""{"Statement": [{"Action": "s3:*"}]}""", "Effect is missing")]
    [InlineData("""{"Statement": [{"Effect": "Maybe", "Action": "s3:*"}]}""", "Effect must be Allow or Deny")]
    [InlineData("""{"Statement": [{"Effect": "1", "Action": "s3:*"}]}""", "Effect must be Allow or Deny")]
    [InlineData("""{"Statement": [{"Effect": "Allow"}]}""", "exactly one of Action and NotAction")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a:b", "NotAction": "c:d"}]}""", "exactly one of Action and NotAction")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a:b", "Resource": "*", "NotResource": "x"}]}""", "Resource and NotResource")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": 7}]}""", "Action must be a string or an array")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": ["a:b", null]}]}""", "must contain only strings")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a:b", "Principal": "arn:aws:iam::1:root"}]}""", "must be \"*\"")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a:b", "Principal": {"AWS": {"x": 1}}}]}""", "Principal.AWS must be a string")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a:b", "Condition": {"StringEquals": "x"}}]}""", "Condition.StringEquals must be a JSON object")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a:b", "Condition": {"StringEquals": {"k": null}}}]}""", "condition values must be")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a:b", "Condition": {"StringEquals": {"k": [{"x": 1}]}}}]}""", "condition values must be")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Effect": "Deny", "Action": "a:b"}]}""", "\"Effect\" appears more than once")]
    [InlineData("""{"Statement": [{"Effect": "Allow", "Action": "a:b", "Condition": {"StringLike": {"k": "a", "K": "b"}}}]}""", "appears more than once")]
    public void Parse_InvalidDocument_ReturnsFailureWithReason(string? json, string expected)
    {
        var result = PolicyDocument.Parse(json);

        Assert.False(result.Succeeded);
        Assert.Null(result.Document);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void Parse_DeeplyNestedJson_ReturnsFailureInsteadOfThrowing()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        var result = PolicyDocument.Parse(json);

        Assert.False(result.Succeeded);
        Assert.StartsWith("invalid JSON", result.Error);
    }

    [Theory]
    [InlineData("sts:AssumeRoleWithWebIdentity", true)]
    [InlineData("sts:*", true)]
    [InlineData("*", true)]
    [InlineData("STS:assumerolewith*", true)]
    [InlineData("sts:AssumeRole", false)]
    [InlineData("iam:*", false)]
    public void CoversAction_ActionPatterns_MatchLikeIam(string pattern, bool expected)
    {
        var statement = new PolicyStatement { Effect = PolicyEffect.Allow, Actions = [pattern] };

        Assert.Equal(expected, statement.CoversAction("sts:AssumeRoleWithWebIdentity"));
    }

    [Fact]
    public void CoversAction_NotAction_CoversEverythingElse()
    {
        var statement = new PolicyStatement { Effect = PolicyEffect.Allow, NotActions = ["iam:*"] };

        Assert.True(statement.CoversAction("sts:AssumeRoleWithWebIdentity"));
        Assert.False(statement.CoversAction("iam:CreateUser"));
    }
}
