using Dashboard.Core.Checks.CloudWatch;

namespace Dashboard.Core.Tests.Checks.CloudWatch;

public class MetricFilterPatternTests
{
    public static TheoryData<string> Controls => [.. Requirements.Keys];

    private static readonly Dictionary<string, FilterRequirement> Requirements = new(StringComparer.Ordinal)
    {
        ["4.1"] = CloudWatchAlarmUnauthorizedApiCalls.Requirement,
        ["4.2"] = CloudWatchAlarmConsoleSignInWithoutMfa.Requirement,
        ["4.3"] = CloudWatchAlarmRootUsage.Requirement,
        ["4.4"] = CloudWatchAlarmIamPolicyChanges.Requirement,
        ["4.5"] = CloudWatchAlarmCloudTrailChanges.Requirement,
        ["4.6"] = CloudWatchAlarmConsoleAuthFailures.Requirement,
        ["4.7"] = CloudWatchAlarmKmsKeyDisableOrDeletion.Requirement,
        ["4.8"] = CloudWatchAlarmS3BucketPolicyChanges.Requirement,
        ["4.9"] = CloudWatchAlarmConfigChanges.Requirement,
        ["4.10"] = CloudWatchAlarmSecurityGroupChanges.Requirement,
        ["4.11"] = CloudWatchAlarmNaclChanges.Requirement,
        ["4.12"] = CloudWatchAlarmNetworkGatewayChanges.Requirement,
        ["4.13"] = CloudWatchAlarmRouteTableChanges.Requirement,
        ["4.14"] = CloudWatchAlarmVpcChanges.Requirement,
        ["4.15"] = CloudWatchAlarmOrganizationsChanges.Requirement,
    };

    private static FilterMatch Match(string pattern, string control) => MetricFilterPattern.Match(pattern, Requirements[control]);

    /// <summary>The generated pattern with every term's operator and value written back in a given style.</summary>
    private static string Pattern(IEnumerable<FilterTerm> allOf, IEnumerable<FilterTerm> anyOf, Func<FilterTerm, string> write)
    {
        var parts = allOf.Select(t => "(" + write(t) + ")").ToList();
        var alternatives = anyOf.Select(t => "(" + write(t) + ")").ToList();
        if (alternatives.Count > 0)
        {
            parts.Add("(" + string.Join(" || ", alternatives) + ")");
        }

        return "{ " + string.Join(" && ", parts) + " }";
    }

    private static string Quoted(FilterTerm t) => t.ToString();

    [Theory]
    [MemberData(nameof(Controls))]
    public void Match_GeneratedPattern_MatchesWithStructureChecked(string control)
    {
        var match = Match(Requirements[control].ToPattern(), control);

        Assert.True(match.Matched, match.Describe());
        Assert.True(match.StructureChecked);
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public void Match_TermsInReverseOrder_Matches(string control)
    {
        var r = Requirements[control];
        var pattern = Pattern(r.AllOf.Reverse(), r.AnyOf.Reverse(), Quoted);

        Assert.True(Match(pattern, control).Matched);
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public void Match_WithoutSpacesAndWithSingleQuotes_Matches(string control)
    {
        var r = Requirements[control];
        var pattern = Pattern(r.AllOf, r.AnyOf, t => t.Operator switch
        {
            TermOperator.Equal => $"$.{t.Field}='{t.Value}'",
            TermOperator.NotEqual => $"$.{t.Field}!='{t.Value}'",
            _ => $"$.{t.Field} NOT EXISTS",
        });
        var compact = pattern.Replace(" && ", "&&", StringComparison.Ordinal).Replace(" || ", "||", StringComparison.Ordinal)
            .Replace("{ ", "{", StringComparison.Ordinal).Replace(" }", "}", StringComparison.Ordinal);

        Assert.True(Match(compact, control).Matched, compact);
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public void Match_ExtraWhitespaceAndLineBreaks_Matches(string control)
    {
        var pattern = Requirements[control].ToPattern()
            .Replace(" && ", "\n   &&  ", StringComparison.Ordinal)
            .Replace(" || ", " \t||\t ", StringComparison.Ordinal)
            .Replace(" = ", "  =   ", StringComparison.Ordinal)
            .Replace("{ ", "{\n  ", StringComparison.Ordinal);

        Assert.True(Match(pattern, control).Matched, pattern);
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public void Match_UnquotedValues_Matches(string control)
    {
        var r = Requirements[control];

        // Values without spaces need no quotes in the filter syntax.
        var pattern = Pattern(r.AllOf, r.AnyOf, t => t.Value.Contains(' ', StringComparison.Ordinal) ? t.ToString() : t.ToString().Replace("\"", "", StringComparison.Ordinal));

        Assert.True(Match(pattern, control).Matched, pattern);
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public void Match_EachTermLeftOut_FailsNamingThatTerm(string control)
    {
        var r = Requirements[control];
        foreach (var left in r.Terms)
        {
            var pattern = Pattern(r.AllOf.Where(t => t != left), r.AnyOf.Where(t => t != left), Quoted);

            var match = Match(pattern, control);

            Assert.False(match.Matched, $"{control} matched without {left}");
            Assert.Contains(left, match.MissingTerms);
        }
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public void Match_ExtraOrTerm_StillMatches(string control)
    {
        var r = Requirements[control];
        var extra = r.AnyOf.Count > 0
            ? Pattern(r.AllOf, [.. r.AnyOf, FilterTerm.Is("eventName", "SomethingElseWeAlsoWatch")], Quoted)
            : "{ (" + string.Join(" && ", r.AllOf.Select(t => $"({t})")) + ") || ($.eventName = \"SomethingElseWeAlsoWatch\") }";

        Assert.True(Match(extra, control).Matched, extra);
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public void Match_ExtraAndTermThatNarrowsTheFilter_Fails(string control)
    {
        var r = Requirements[control];
        var narrowed = r.ToPattern().TrimEnd('}', ' ') + " && ($.awsRegion = \"us-east-1\") }";

        var match = Match(narrowed, control);

        Assert.False(match.Matched, narrowed);
        Assert.Empty(match.MissingTerms);
        Assert.NotEmpty(match.Uncaught);
        Assert.True(match.StructureChecked);
    }

    [Theory]
    [InlineData("{ ($.eventName = \"ConsoleLoginFailure\") && ($.errorMessage = \"Failed authentication\") }")]
    [InlineData("{ ($.eventName = \"XConsoleLogin\") && ($.errorMessage = \"Failed authentication\") }")]
    [InlineData("{ ($.eventName = \"ConsoleLogin*\") && ($.errorMessage = \"Failed authentication\") }")]
    public void Match_OtherOrWildcardEventName_DoesNotStandInForConsoleLogin(string pattern)
    {
        var match = Match(pattern, "4.6");

        Assert.False(match.Matched);
        Assert.Contains(FilterTerm.Is("eventName", "ConsoleLogin"), match.MissingTerms);
    }

    [Fact]
    public void Match_LongerEventNamesOnly_DoNotSatisfyShorterRequiredNames()
    {
        // DeletePolicyVersion and CreatePolicyVersion contain DeletePolicy and CreatePolicy, but do not count for them.
        var names = CloudWatchAlarmIamPolicyChanges.Requirement.AnyOf.Select(t => t.Value).Where(n => n is not ("DeletePolicy" or "CreatePolicy"));
        var pattern = "{ " + string.Join(" || ", names.Select(n => $"($.eventName = \"{n}\")")) + " }";

        var match = Match(pattern, "4.4");

        Assert.False(match.Matched);
        Assert.Equal(["CreatePolicy", "DeletePolicy"], match.MissingTerms.Select(t => t.Value).Order());
    }

    [Fact]
    public void Match_ExclusionWrittenAsEquality_IsMissing()
    {
        var pattern = "{ ($.errorCode = \"*UnauthorizedOperation\") || ($.errorCode = \"AccessDenied*\") && ($.sourceIPAddress != \"delivery.logs.amazonaws.com\") && ($.eventName = \"HeadBucket\") }";

        var match = Match(pattern, "4.1");

        Assert.Equal([FilterTerm.IsNot("eventName", "HeadBucket")], match.MissingTerms);
    }

    [Fact]
    public void Match_RouteTableChangesWithSourceBoundToAllNames_Matches()
    {
        var pattern = "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) "
            + "|| ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }";

        Assert.True(Match(pattern, "4.13").Matched);
    }

    [Fact]
    public void Match_RootUsageWithExistsInsteadOfNotExists_IsMissing()
    {
        var match = Match("{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy EXISTS && $.eventType != \"AwsServiceEvent\" }", "4.3");

        Assert.Equal([FilterTerm.Absent("userIdentity.invokedBy")], match.MissingTerms);
    }

    [Fact]
    public void Match_RootUsageWithIsNull_CountsAsNotExists()
    {
        Assert.True(Match("{ $.userIdentity.type = Root && $.userIdentity.invokedBy IS NULL && $.eventType != AwsServiceEvent }", "4.3").Matched);
    }

    [Fact]
    public void Match_FieldNamesAreCaseSensitive()
    {
        var match = Match("{ ($.eventname = ConsoleLogin) && ($.additionalEventData.MFAUsed != \"Yes\") }", "4.2");

        Assert.False(match.Matched);
    }

    [Fact]
    public void Match_TermsAndedWhereTheyMustBeAlternatives_FailsOnStructure()
    {
        var pattern = "{ ($.eventName = CreateTrail) && ($.eventName = UpdateTrail) && ($.eventName = DeleteTrail) && ($.eventName = StartLogging) && ($.eventName = StopLogging) }";

        var match = Match(pattern, "4.5");

        Assert.False(match.Matched);
        Assert.Empty(match.MissingTerms);
        Assert.Equal(5, match.Uncaught.Count);
    }

    [Fact]
    public void Match_EventSourceOnlyOnOneAlternativeForKms_StillCatchesEveryKmsEvent()
    {
        // Reads as (source && DisableKey) || ScheduleKeyDeletion: wider than needed, but every required event is caught.
        var match = Match("{ $.eventSource = kms.amazonaws.com && $.eventName = DisableKey || $.eventName = ScheduleKeyDeletion }", "4.7");

        Assert.True(match.Matched);
    }

    [Fact]
    public void Match_UnparseablePatternWithAllTerms_FallsBackToTermPresence()
    {
        var match = Match("$.eventName = CreateTrail || $.eventName = UpdateTrail || $.eventName = DeleteTrail || $.eventName = StartLogging || $.eventName = StopLogging", "4.5");

        Assert.True(match.Matched);
        Assert.False(match.StructureChecked);
    }

    [Fact]
    public void Match_SsoVariantOfConsoleSignIn_IsAcceptedByTheCheckButNotByTheBaseTerms()
    {
        var pattern = "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }";

        Assert.False(Match(pattern, "4.2").Matched);
        var inventory = AlarmChainInventory.Build(pattern);
        Assert.Equal(Dashboard.Core.Checks.ResultStatus.Pass, Assert.Single(new CloudWatchAlarmConsoleSignInWithoutMfa().Run(inventory)).Status);
    }

    [Fact]
    public void Describe_MissingTerm_NamesItInFilterSyntax()
    {
        var match = Match("{ ($.eventName = ConsoleLogin) }", "4.6");

        Assert.Equal("lacks $.errorMessage = \"Failed authentication\"", match.Describe());
    }
}
