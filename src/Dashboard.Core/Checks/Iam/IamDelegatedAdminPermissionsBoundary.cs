using Dashboard.Core.Inventory;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// Checklist X19: delegated IAM administration is fenced by permissions boundaries.
/// <list type="bullet">
/// <item>A user or role whose policies allow iam:CreateRole, iam:CreateUser or iam:Put*PermissionsBoundary must, in each such
/// statement, require iam:PermissionsBoundary to equal named boundary policies; otherwise it can create a principal more
/// powerful than itself.</item>
/// <item>A principal allowed iam:Delete*PermissionsBoundary can lift its own fence.</item>
/// <item>A principal's boundary must not itself allow every action.</item>
/// </list>
/// Principals with full administrator access are out of scope for the first two rules (iam_policy_no_full_admin_attached
/// reports them); service-linked roles are skipped. Principals that can do none of this get no result.
/// </summary>
public sealed class IamDelegatedAdminPermissionsBoundary : Check
{
    private static readonly string[] CreateActions = ["iam:CreateRole", "iam:CreateUser", "iam:PutRolePermissionsBoundary", "iam:PutUserPermissionsBoundary"];
    private static readonly string[] DeleteBoundaryActions = ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"];

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_delegated_admin_permissions_boundary",
        Title = "Principals that create IAM roles or users must attach a permissions boundary",
        Service = "iam",
        ResourceType = "AWS::IAM::Role",
        Severity = Severity.High,
        Rationale = "Letting a team or pipeline create roles is safe only if what it creates cannot exceed a boundary you set. Without a "
            + "required boundary, a principal allowed to create roles can create an administrator role and assume it.",
        Remediation = new Remediation(
            Steps: "Create a boundary policy that caps what delegated principals may grant. In every statement that allows iam:CreateRole, "
                + "iam:CreateUser or iam:Put*PermissionsBoundary, add a StringEquals condition requiring iam:PermissionsBoundary to be that "
                + "policy's ARN. Deny iam:Delete*PermissionsBoundary, and make sure no boundary allows \"*\" on \"*\".",
            Cli: "cat > delegate.json <<'JSON'\n"
                + "{\n"
                + "  \"Version\": \"2012-10-17\",\n"
                + "  \"Statement\": [{\n"
                + "    \"Effect\": \"Allow\",\n"
                + "    \"Action\": [\"iam:CreateRole\", \"iam:PutRolePermissionsBoundary\"],\n"
                + "    \"Resource\": \"arn:aws:iam::<account-id>:role/app/*\",\n"
                + "    \"Condition\": {\"StringEquals\": {\"iam:PermissionsBoundary\": \"arn:aws:iam::<account-id>:policy/app-boundary\"}}\n"
                + "  }]\n"
                + "}\n"
                + "JSON\n"
                + "aws iam put-role-policy --role-name <delegated-admin-role> --policy-name create-with-boundary --policy-document file://delegate.json",
            Terraform: "data \"aws_iam_policy_document\" \"delegate\" {\n"
                + "  statement {\n"
                + "    actions   = [\"iam:CreateRole\", \"iam:PutRolePermissionsBoundary\"]\n"
                + "    resources = [\"arn:aws:iam::${local.account_id}:role/app/*\"]\n"
                + "    condition {\n"
                + "      test     = \"StringEquals\"\n"
                + "      variable = \"iam:PermissionsBoundary\"\n"
                + "      values   = [aws_iam_policy.app_boundary.arn]\n"
                + "    }\n"
                + "  }\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PermissionsBoundary",
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

        var principals = iam.Roles.Where(r => !r.Path.StartsWith("/aws-service-role/", StringComparison.Ordinal))
            .Select(r => (Id: $"role/{r.RoleName}", r.Arn, Policies: IamPolicies.Of(iam, r), Boundary: r.PermissionsBoundaryArn))
            .Concat(iam.Users.Select(u => (Id: $"user/{u.UserName}", u.Arn, Policies: IamPolicies.Of(iam, u), Boundary: u.PermissionsBoundaryArn)));
        var any = false;
        foreach (var (id, arn, policies, boundary) in principals)
        {
            if (Judge(id, arn, policies, boundary, iam) is { } result)
            {
                any = true;
                yield return result;
            }
        }

        if (!any)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "no user or role can create IAM principals or carries a permissions boundary");
        }
    }

    private CheckResult? Judge(string id, string arn, IReadOnlyList<IdentityPolicy> policies, string? boundaryArn, IamData iam)
    {
        var problems = new List<string>();
        if (boundaryArn is not null)
        {
            var boundary = IamPolicies.Find(iam, boundaryArn) is { } policy
                ? new IdentityPolicy(policy.PolicyName, policy.Arn, policy.IsAwsManaged, IamPolicies.DefaultDocument(policy))
                : new IdentityPolicy(boundaryArn, boundaryArn, false, null);
            var admin = boundary.Analyze().Admin();
            if (!admin.Evaluated)
            {
                return Result(ResultStatus.Error, Regions.Global, id, arn, $"permissions boundary {boundary.Name} could not be evaluated: {admin.Reason}", [("boundary", boundaryArn)]);
            }

            if (admin.Access == AdminAccess.Full)
            {
                problems.Add($"permissions boundary {boundary.Name} allows every action, so it limits nothing");
            }
        }

        var combined = IamPolicies.Combined(policies);
        if (!combined.CanEvaluate)
        {
            return Result(ResultStatus.Error, Regions.Global, id, arn, $"could not evaluate: {combined.Error}", []);
        }

        var delegates = false;
        if (combined.Admin().Access != AdminAccess.Full)
        {
            var document = combined.Document;
            foreach (var statement in document.Statements.Where(s => s.IsAllow))
            {
                var creates = CreateActions.Where(a => statement.CoversAction(a) && !DeniedEverywhere(document, a)).ToList();
                if (creates.Count > 0)
                {
                    delegates = true;
                    if (!RequiresBoundary(statement))
                    {
                        problems.Add($"{statement.Sid} allows {string.Join(", ", creates)} without requiring iam:PermissionsBoundary");
                    }
                }

                var deletes = DeleteBoundaryActions.Where(a => statement.CoversAction(a) && !DeniedEverywhere(document, a)).ToList();
                if (deletes.Count > 0)
                {
                    delegates = true;
                    problems.Add($"{statement.Sid} allows {string.Join(", ", deletes)}, so boundaries can be removed");
                }
            }
        }

        if (!delegates && boundaryArn is null)
        {
            return null;
        }

        (string, string)[] evidence = [("boundary", boundaryArn ?? "none"), ("delegatesIam", delegates ? "true" : "false")];
        return problems.Count == 0
            ? Pass(Regions.Global, id, arn, delegates
                ? "every grant that creates roles or users requires a permissions boundary"
                : "the permissions boundary does not allow every action", evidence)
            : Fail(Regions.Global, id, arn, string.Join("; ", problems.Distinct(StringComparer.Ordinal)), evidence);
    }

    /// <summary>A positive condition on iam:PermissionsBoundary that cannot be skipped and names literal policies.</summary>
    private static bool RequiresBoundary(PolicyStatement statement) =>
        statement.ConditionsOn("iam:PermissionsBoundary").Any(c =>
            c.Family is ConditionFamily.Text or ConditionFamily.Arn && !c.IsNegated && !c.IfExists && !c.IsForAllValues
            && c.Values.Count > 0 && c.Values.All(v => v.Length > 0 && !PolicyArn.IsPattern(v)));

    /// <summary>Whether a Deny without conditions removes the action on every resource.</summary>
    private static bool DeniedEverywhere(PolicyDocument document, string action) =>
        document.Statements.Any(s => s.IsEnforceableDeny && s.Conditions.Count == 0 && s.NotResources is null
            && s.Resources.Any(PolicyResources.MatchesEveryResource) && s.CoversAction(action));
}
