using Dashboard.Core.Inventory;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// CIS v5 1.15: no attached managed policy (customer or AWS managed) has a default version that allows every action on every
/// resource. Allow with NotAction on every resource counts as such a grant; conditions do not change the verdict.
/// </summary>
public sealed class IamPolicyNoFullAdminAttached : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_policy_no_full_admin_attached",
        Title = "No attached IAM policy grants every action on every resource",
        Service = "iam",
        ResourceType = "AWS::IAM::Policy",
        Severity = Severity.High,
        Rationale = "A policy that allows \"*\" on \"*\" gives whoever holds it full control of the account, including the power to "
            + "erase logs and lock out other administrators. Grant the specific actions a job needs and keep full access to a few "
            + "break-glass roles that are watched closely.",
        Remediation = new Remediation(
            Steps: "Find the users, groups and roles the policy is attached to. Replace the policy with one that lists the services and "
                + "actions those principals use (IAM Access Analyzer can generate one from CloudTrail activity), then detach the broad "
                + "policy. For AWS managed AdministratorAccess, keep it only on a break-glass role that requires MFA.",
            Cli: "aws iam list-entities-for-policy --policy-arn <policy-arn>\n"
                + "aws iam detach-role-policy --role-name <role> --policy-arn <policy-arn>\n"
                + "aws iam detach-user-policy --user-name <user> --policy-arn <policy-arn>\n"
                + "aws iam detach-group-policy --group-name <group> --policy-arn <policy-arn>",
            Terraform: "# Replace the broad statement with the actions the workload needs\n"
                + "data \"aws_iam_policy_document\" \"app\" {\n"
                + "  statement {\n"
                + "    actions   = [\"s3:GetObject\", \"s3:PutObject\"]\n"
                + "    resources = [\"${aws_s3_bucket.data.arn}/*\"]\n"
                + "  }\n"
                + "}\n"
                + "resource \"aws_iam_policy\" \"app\" {\n"
                + "  name   = \"app\"\n"
                + "  policy = data.aws_iam_policy_document.app.json\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html",
        ],
        DataSources = [Sources.IamAuthorizationDetails],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var iam = inventory.Iam;
        var listError = ErrorFor(context, Regions.Global);
        if (listError is not null)
        {
            yield return Error(Regions.Global, inventory.AccountId, null, listError);
            yield break;
        }

        var referenced = iam.Users.SelectMany(u => u.AttachedManagedPolicies)
            .Concat(iam.Groups.SelectMany(g => g.AttachedManagedPolicies))
            .Concat(iam.Roles.SelectMany(r => r.AttachedManagedPolicies))
            .Select(a => a.PolicyArn)
            .ToHashSet(StringComparer.Ordinal);
        var attached = iam.Policies.Where(p => p.AttachmentCount > 0 || referenced.Contains(p.Arn)).ToList();
        if (attached.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "no managed policy is attached to a user, group or role");
            yield break;
        }

        foreach (var policy in attached)
        {
            var document = IamPolicies.DefaultDocument(policy);
            (string, string)[] evidence = [("defaultVersion", policy.DefaultVersionId), ("awsManaged", policy.IsAwsManaged ? "true" : "false")];
            if (document is null)
            {
                yield return Result(ResultStatus.Error, Regions.Global, policy.PolicyName, policy.Arn, "the default version's document was not collected", evidence);
                continue;
            }

            var admin = PolicyAnalysis.Of(document).Admin();
            yield return admin.Access switch
            {
                AdminAccess.NotEvaluated => Result(ResultStatus.Error, Regions.Global, policy.PolicyName, policy.Arn, admin.Reason, evidence),
                AdminAccess.Full => Fail(Regions.Global, policy.PolicyName, policy.Arn, admin.Reason,
                    [.. evidence, ("statements", string.Join(", ", admin.Statements))]),
                _ => Pass(Regions.Global, policy.PolicyName, policy.Arn, "the default version does not allow every action on every resource",
                    [.. evidence, ("adminAccess", admin.Access.ToString())]),
            };
        }
    }
}
