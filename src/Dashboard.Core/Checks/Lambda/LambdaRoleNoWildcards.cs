using Dashboard.Core.Checks.Iam;
using Dashboard.Core.Inventory;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks.Lambda;

/// <summary>
/// Checklist X18: the execution role of each Lambda function carries no wildcard grants. The rules of
/// iam_policy_no_wildcards apply to every policy on the role: inline and customer-managed policies fail on any level
/// (every action, a service wildcard, or write actions on every resource); AWS-managed policies fail only on wildcard
/// actions, because their Resource "*" log-writing grants (AWSLambdaBasicExecutionRole) are the documented baseline.
/// A role shared by several functions, or trusted by more than lambda.amazonaws.com, is noted in the evidence.
/// </summary>
public sealed class LambdaRoleNoWildcards : Check
{
    private const string LambdaService = "lambda.amazonaws.com";

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "lambda_role_no_wildcards",
        Title = "Lambda execution roles grant named actions on named resources",
        Service = "lambda",
        ResourceType = "AWS::Lambda::Function",
        Severity = Severity.High,
        Rationale = "Function code runs with its execution role's permissions, and a flaw in the code or one of its dependencies hands "
            + "them to an attacker. Wildcards turn a small bug into control of whole services.",
        Remediation = new Remediation(
            Steps: "Give each function its own role. Replace wildcard actions with the calls the function makes and scope write actions to "
                + "the resources it uses. IAM Access Analyzer can generate a policy from the role's CloudTrail activity.",
            Cli: "aws lambda get-function-configuration --function-name <function> --query Role\n"
                + "aws iam list-attached-role-policies --role-name <role>\n"
                + "aws iam put-role-policy --role-name <role> --policy-name scoped --policy-document file://scoped.json",
            Terraform: "data \"aws_iam_policy_document\" \"function\" {\n"
                + "  statement {\n"
                + "    actions   = [\"sqs:ReceiveMessage\", \"sqs:DeleteMessage\"]\n"
                + "    resources = [aws_sqs_queue.jobs.arn]\n"
                + "  }\n"
                + "}\n"
                + "resource \"aws_iam_role_policy\" \"function\" {\n"
                + "  role   = aws_iam_role.function.id\n"
                + "  policy = data.aws_iam_policy_document.function.json\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html",
        ],
        DataSources = [Sources.LambdaFunctions, Sources.IamAuthorizationDetails],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var listErrors = context.FirstErrorPerRegion(Sources.LambdaFunctions);
        foreach (var error in listErrors)
        {
            yield return Error(error.Region, "functions", null, error);
        }

        var functions = inventory.Lambda.Functions;
        if (functions.Count == 0)
        {
            if (listErrors.Count == 0)
            {
                yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no Lambda functions");
            }

            yield break;
        }

        var iamError = context.FirstError(Sources.IamAuthorizationDetails);
        var sharing = functions.GroupBy(f => f.Role, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var function in functions)
        {
            if (iamError is not null)
            {
                yield return Error(function.Region, function.FunctionName, function.FunctionArn, iamError);
                continue;
            }

            var role = inventory.Iam.Roles.FirstOrDefault(r => string.Equals(r.Arn, function.Role, StringComparison.Ordinal));
            if (role is null)
            {
                yield return Result(ResultStatus.Error, function.Region, function.FunctionName, function.FunctionArn,
                    $"execution role {function.Role} is not in the collected IAM data", [("role", function.Role)]);
                continue;
            }

            yield return Judge(function, role, inventory.Iam, sharing[function.Role]);
        }
    }

    private CheckResult Judge(LambdaFunction function, IamRole role, IamData iam, int sharedBy)
    {
        var findings = new List<string>();
        var level = WildcardLevel.None;
        foreach (var policy in IamPolicies.Of(iam, role))
        {
            var report = policy.Analyze().Wildcards();
            if (!report.Evaluated)
            {
                return Result(ResultStatus.Error, function.Region, function.FunctionName, function.FunctionArn,
                    $"policy {policy.Name} of role {role.RoleName} could not be evaluated: {report.Error}", [("role", role.Arn)]);
            }

            foreach (var finding in report.Findings.Where(f => !policy.IsAwsManaged || f.Level >= WildcardLevel.High))
            {
                findings.Add($"{policy.Name}: {finding.Description}");
                level = finding.Level > level ? finding.Level : level;
            }
        }

        var notes = new List<string>();
        if (sharedBy > 1)
        {
            notes.Add($"role shared by {sharedBy} functions");
        }

        var trust = PolicyAnalysis.Of(role.AssumeRolePolicyDocument);
        var otherTrust = trust.CanEvaluate
            ? trust.Document.Statements.Where(s => s.IsAllow && s.Principal is not null)
                .SelectMany(s => s.Principal!.IsWildcard ? ["*"] : s.Principal.Values.SelectMany(v => v.Value))
                .Where(p => !string.Equals(p, LambdaService, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.Ordinal)
                .ToList()
            : ["trust policy not readable"];
        if (otherTrust.Count > 0)
        {
            notes.Add($"role is also trusted by {string.Join(", ", otherTrust)}");
        }

        (string, string)[] evidence =
        [
            ("role", role.Arn),
            ("level", level.ToString()),
            ("notes", notes.Count == 0 ? "none" : string.Join("; ", notes)),
        ];
        return findings.Count == 0
            ? Pass(function.Region, function.FunctionName, function.FunctionArn, $"execution role {role.RoleName} has no wildcard grants", evidence)
            : Fail(function.Region, function.FunctionName, function.FunctionArn, $"execution role {role.RoleName}: {string.Join("; ", findings)}", evidence);
    }
}
