using Dashboard.Core.Checks;
using Dashboard.Core.Checks.Lambda;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Lambda;

public class LambdaRoleNoWildcardsTests
{
    private const string LambdaTrust = """{"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""";
    private const string BasicExecutionArn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    private const string BasicExecution = """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]}
        """;

    private static string Allow(string action, string resource) =>
        $$"""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": {{action}}, "Resource": {{resource}}}]}""";

    private static LambdaFunction Function(string name = "worker", string role = "fn-role") => new()
    {
        FunctionName = name,
        FunctionArn = $"arn:aws:lambda:eu-west-1:123456789012:function:{name}",
        Region = "eu-west-1",
        Role = $"arn:aws:iam::123456789012:role/{role}",
    };

    private static IamRole Role(string? inline = null, string name = "fn-role", string trust = LambdaTrust) => new()
    {
        RoleName = name,
        Arn = $"arn:aws:iam::123456789012:role/{name}",
        AssumeRolePolicyDocument = trust,
        AttachedManagedPolicies = [new AttachedPolicy("AWSLambdaBasicExecutionRole", BasicExecutionArn)],
        InlinePolicies = inline is null ? [] : [new InlinePolicy("app", inline)],
    };

    private static AccountInventory Inventory(IamRole[] roles, params LambdaFunction[] functions) => TestInventory.Empty() with
    {
        Lambda = new LambdaData { Functions = functions },
        Iam = new IamData
        {
            Roles = roles,
            Policies = [new IamManagedPolicy { PolicyName = "AWSLambdaBasicExecutionRole", Arn = BasicExecutionArn, IsAwsManaged = true, DefaultVersionDocument = BasicExecution }],
        },
    };

    private static CheckResult RunSingle(IamRole role) => Assert.Single(new LambdaRoleNoWildcards().Run(Inventory([role], Function())));

    [Fact]
    public void Evaluate_ScopedRoleWithBasicExecution_ReturnsPass()
    {
        var result = RunSingle(Role(Allow("[\"sqs:ReceiveMessage\", \"sqs:DeleteMessage\"]", "\"arn:aws:sqs:eu-west-1:123456789012:jobs\"")));

        Assert.Equal(ResultStatus.Pass, result.Status);
        Assert.Equal("worker", result.ResourceId);
        Assert.Equal("eu-west-1", result.Region);
        Assert.Equal("none", result.Evidence["notes"]);
    }

    [Theory]
    [InlineData("\"*\"", "\"*\"", "Critical")]
    [InlineData("\"s3:*\"", "\"arn:aws:s3:::data/*\"", "High")]
    [InlineData("\"dynamodb:PutItem\"", "\"*\"", "Medium")]
    public void Evaluate_WildcardInline_ReturnsFail(string action, string resource, string level)
    {
        var result = RunSingle(Role(Allow(action, resource)));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal(level, result.Evidence["level"]);
        Assert.Contains("inline app", result.Reason);
    }

    [Fact]
    public void Evaluate_AwsManagedWildcardPolicy_ReturnsFail()
    {
        var role = Role() with { AttachedManagedPolicies = [new AttachedPolicy("AmazonS3FullAccess", "arn:aws:iam::aws:policy/AmazonS3FullAccess")] };
        var inventory = Inventory([role], Function()) with
        {
            Iam = new IamData
            {
                Roles = [role],
                Policies = [new IamManagedPolicy { PolicyName = "AmazonS3FullAccess", Arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess", IsAwsManaged = true, DefaultVersionDocument = Allow("\"s3:*\"", "\"*\"") }],
            },
        };

        var result = Assert.Single(new LambdaRoleNoWildcards().Run(inventory));

        Assert.Equal(ResultStatus.Fail, result.Status);
        Assert.Equal("High", result.Evidence["level"]);
    }

    [Fact]
    public void Evaluate_SharedRoleTrustedByOthers_NotesItInEvidence()
    {
        const string trust = """{"Statement": [{"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com", "ec2.amazonaws.com"]}, "Action": "sts:AssumeRole"}]}""";

        var results = new LambdaRoleNoWildcards().Run(Inventory([Role(trust: trust)], Function("a"), Function("b")));

        Assert.All(results, r => Assert.Contains("role shared by 2 functions", r.Evidence["notes"]));
        Assert.All(results, r => Assert.Contains("ec2.amazonaws.com", r.Evidence["notes"]));
    }

    [Fact]
    public void Evaluate_RoleMissingFromIamData_ReturnsError()
    {
        var result = Assert.Single(new LambdaRoleNoWildcards().Run(Inventory([], Function())));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("is not in the collected IAM data", result.Reason);
    }

    [Fact]
    public void Evaluate_UnreadableInlinePolicy_ReturnsError()
    {
        Assert.Equal(ResultStatus.Error, RunSingle(Role("{\"Statement\": [}")).Status);
    }

    [Fact]
    public void Evaluate_AuthorizationDetailsDenied_ReturnsErrorPerFunction()
    {
        var inventory = Inventory([Role()], Function()) with { Errors = [TestInventory.AccessDenied("iam", "GetAccountAuthorizationDetails")] };

        var result = Assert.Single(new LambdaRoleNoWildcards().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Contains("iam:GetAccountAuthorizationDetails", result.Reason);
    }

    [Fact]
    public void Evaluate_ListFunctionsDenied_ReturnsErrorForTheRegion()
    {
        var inventory = TestInventory.Empty() with { Errors = [TestInventory.AccessDenied("lambda", "ListFunctions", "us-east-1")] };

        var result = Assert.Single(new LambdaRoleNoWildcards().Run(inventory));

        Assert.Equal(ResultStatus.Error, result.Status);
        Assert.Equal("us-east-1", result.Region);
    }

    [Fact]
    public void Evaluate_NoFunctions_ReturnsNotApplicable()
    {
        Assert.Equal(ResultStatus.NotApplicable, Assert.Single(new LambdaRoleNoWildcards().Run(TestInventory.Empty())).Status);
    }
}
