using Dashboard.Core.Inventory;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// Checklist X14: customer-managed policies (default version) and inline policies of users, groups and roles do not allow
/// wildcard actions, nor write or permissions-management actions on every resource. Each result carries the level the
/// checklist assigns in its "level" evidence: Critical for every action on every resource, High for a whole-service
/// wildcard such as iam:* (or NotAction), Medium for Resource "*" with write actions. Deny statements are ignored.
/// AWS-managed policies are out of scope here (see iam_policy_no_full_admin_attached).
/// </summary>
public sealed class IamPolicyNoWildcards : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_policy_no_wildcards",
        Title = "Customer and inline IAM policies name their actions and resources",
        Service = "iam",
        ResourceType = "AWS::IAM::Policy",
        Severity = Severity.High,
        Rationale = "Wildcards grant actions nobody reviewed, including ones AWS adds later. A service wildcard such as iam:* or a write "
            + "action on every resource usually includes a path to administrator access.",
        Remediation = new Remediation(
            Steps: "Replace service wildcards with the actions the workload calls (IAM Access Analyzer can generate a policy from "
                + "CloudTrail activity, and last-accessed data shows unused services). Scope write and permissions-management actions to "
                + "the ARNs they need. Publish the change as a new default policy version.",
            Cli: "aws iam get-policy-version --policy-arn <policy-arn> --version-id <default-version>\n"
                + "aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://scoped.json --set-as-default\n"
                + "aws iam put-role-policy --role-name <role> --policy-name <inline-policy> --policy-document file://scoped.json",
            Terraform: "data \"aws_iam_policy_document\" \"scoped\" {\n"
                + "  statement {\n"
                + "    actions   = [\"dynamodb:GetItem\", \"dynamodb:PutItem\"]\n"
                + "    resources = [aws_dynamodb_table.orders.arn]\n"
                + "  }\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_access-advisor.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html",
        ],
        DataSources = [Sources.IamAuthorizationDetails],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var listError = ErrorFor(context, Regions.Global);
        if (listError is not null)
        {
            yield return Error(Regions.Global, inventory.AccountId, null, listError);
            yield break;
        }

        var any = false;
        foreach (var (resourceId, arn, document) in PoliciesInScope(inventory.Iam))
        {
            any = true;
            yield return Judge(resourceId, arn, document);
        }

        if (!any)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no customer-managed or inline IAM policies");
        }
    }

    /// <summary>Resource id, ARN (the policy's, or the user, group or role holding an inline policy) and document.</summary>
    private static IEnumerable<(string ResourceId, string Arn, string? Document)> PoliciesInScope(IamData iam)
    {
        foreach (var policy in iam.Policies.Where(p => !p.IsAwsManaged))
        {
            yield return (policy.PolicyName, policy.Arn, IamPolicies.DefaultDocument(policy));
        }

        foreach (var user in iam.Users)
        {
            foreach (var inline in user.InlinePolicies)
            {
                yield return ($"user/{user.UserName}/{inline.PolicyName}", user.Arn, inline.Document);
            }
        }

        foreach (var group in iam.Groups)
        {
            foreach (var inline in group.InlinePolicies)
            {
                yield return ($"group/{group.GroupName}/{inline.PolicyName}", group.Arn, inline.Document);
            }
        }

        foreach (var role in iam.Roles)
        {
            foreach (var inline in role.InlinePolicies)
            {
                yield return ($"role/{role.RoleName}/{inline.PolicyName}", role.Arn, inline.Document);
            }
        }
    }

    private CheckResult Judge(string resourceId, string arn, string? document)
    {
        if (document is null)
        {
            return Result(ResultStatus.Error, Regions.Global, resourceId, arn, "the policy document was not collected", []);
        }

        var report = PolicyAnalysis.Of(document).Wildcards();
        if (!report.Evaluated)
        {
            return Result(ResultStatus.Error, Regions.Global, resourceId, arn, $"could not evaluate: {report.Error}", []);
        }

        if (report.Level == WildcardLevel.None)
        {
            return Pass(Regions.Global, resourceId, arn, "no Allow statement uses wildcard actions or writes to every resource", ("level", "None"));
        }

        return Fail(Regions.Global, resourceId, arn, string.Join("; ", report.Findings.OrderByDescending(f => f.Level).Select(f => f.Description)),
            ("level", report.Level.ToString()),
            ("statements", string.Join(", ", report.Findings.Select(f => $"{f.Name}={f.Level}"))));
    }
}
