using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>CIS v5 1.16: at least one IAM role has the AWS-managed AWSSupportAccess policy attached.</summary>
public sealed class IamSupportRoleExists : Check
{
    private const string PolicyName = "AWSSupportAccess";

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_support_role_exists",
        Title = "A role exists for handling AWS Support cases",
        Service = "iam",
        ResourceType = "AWS::::Account",
        Severity = Severity.Low,
        Rationale = "During an incident someone must be able to open and follow AWS Support cases without borrowing root or an "
            + "administrator login. A dedicated role makes that access explicit and easy to audit.",
        Remediation = new Remediation(
            Steps: "Create a role that your support or operations people (or your identity provider) can assume, attach the AWS-managed "
                + "AWSSupportAccess policy, and document who may use it.",
            Cli: "aws iam create-role --role-name aws-support-access \\\n"
                + "  --assume-role-policy-document file://trust-ops-team.json\n"
                + "aws iam attach-role-policy --role-name aws-support-access \\\n"
                + "  --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess",
            Terraform: "resource \"aws_iam_role\" \"support\" {\n"
                + "  name               = \"aws-support-access\"\n"
                + "  assume_role_policy = data.aws_iam_policy_document.ops_team_trust.json\n"
                + "}\n\n"
                + "resource \"aws_iam_role_policy_attachment\" \"support\" {\n"
                + "  role       = aws_iam_role.support.name\n"
                + "  policy_arn = \"arn:aws:iam::aws:policy/AWSSupportAccess\"\n"
                + "}",
            CloudFormation: "SupportRole:\n"
                + "  Type: AWS::IAM::Role\n"
                + "  Properties:\n"
                + "    RoleName: aws-support-access\n"
                + "    AssumeRolePolicyDocument: <trust policy for your operations team>\n"
                + "    ManagedPolicyArns:\n"
                + "      - arn:aws:iam::aws:policy/AWSSupportAccess"),
        References =
        [
            "https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html",
            "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSupportAccess.html",
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

        var arn = ManagedPolicyAttachments.AwsManagedArn(inventory.Partition, PolicyName);
        var roles = ManagedPolicyAttachments.Of(inventory.Iam, arn).Where(p => p.StartsWith("role/", StringComparison.Ordinal)).ToList();
        var evidence = ("rolesWithAWSSupportAccess", roles.Count == 0 ? "none" : string.Join(", ", roles));
        yield return roles.Count > 0
            ? Pass(Regions.Global, inventory.AccountId, null, $"{PolicyName} is attached to {string.Join(", ", roles)}", evidence)
            : Fail(Regions.Global, inventory.AccountId, null, $"no IAM role has {PolicyName} attached", evidence);
    }
}
