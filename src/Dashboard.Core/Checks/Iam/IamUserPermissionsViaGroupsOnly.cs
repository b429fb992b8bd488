using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>CIS v5 1.14: no IAM user has managed policies attached directly or inline policies. One result per user.</summary>
public sealed class IamUserPermissionsViaGroupsOnly : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_user_permissions_via_groups_only",
        Title = "IAM users get permissions only through groups",
        Service = "iam",
        ResourceType = "AWS::IAM::User",
        Severity = Severity.Low,
        Rationale = "Permissions given user by user drift apart and are forgotten when people change jobs. Granting through groups keeps "
            + "access tied to a job function that can be reviewed in one place.",
        Remediation = new Remediation(
            Steps: "Create or pick a group for the user's job function, attach the needed policies to the group, add the user, then detach "
                + "the managed policies from the user and delete its inline policies.",
            Cli: "aws iam add-user-to-group --user-name <user> --group-name <group>\n"
                + "aws iam detach-user-policy --user-name <user> --policy-arn <policy-arn>\n"
                + "aws iam delete-user-policy --user-name <user> --policy-name <inline-policy>",
            Terraform: "resource \"aws_iam_group_policy_attachment\" \"ops\" {\n"
                + "  group      = aws_iam_group.ops.name\n"
                + "  policy_arn = aws_iam_policy.ops.arn\n"
                + "}\n\n"
                + "resource \"aws_iam_user_group_membership\" \"user\" {\n"
                + "  user   = aws_iam_user.user.name\n"
                + "  groups = [aws_iam_group.ops.name]\n"
                + "}\n"
                + "# and remove aws_iam_user_policy / aws_iam_user_policy_attachment resources"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html",
        ],
        DataSources = [Sources.IamAuthorizationDetails],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        if (ErrorFor(context, Regions.Global) is { } error)
        {
            yield return Error(Regions.Global, inventory.AccountId, null, error);
            yield break;
        }

        if (inventory.Iam.Users.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no IAM users");
            yield break;
        }

        foreach (var user in inventory.Iam.Users)
        {
            var attached = user.AttachedManagedPolicies.Select(p => p.PolicyName).ToList();
            var inline = user.InlinePolicies.Select(p => p.PolicyName).ToList();
            (string, string)[] evidence =
            [
                ("attachedPolicies", attached.Count == 0 ? "none" : string.Join(", ", attached)),
                ("inlinePolicies", inline.Count == 0 ? "none" : string.Join(", ", inline)),
                ("groups", user.GroupNames.Count == 0 ? "none" : string.Join(", ", user.GroupNames)),
            ];
            var direct = attached.Select(p => $"attached {p}").Concat(inline.Select(p => $"inline {p}")).ToList();
            yield return direct.Count == 0
                ? Pass(Regions.Global, user.UserName, user.Arn, "user has no policies of its own", evidence)
                : Fail(Regions.Global, user.UserName, user.Arn, $"user has policies of its own: {string.Join(", ", direct)}", evidence);
        }
    }
}
