using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>CIS v5 1.21: the AWS-managed AWSCloudShellFullAccess policy is attached to no user, group or role. One account-level result.</summary>
public sealed class IamCloudShellFullAccessNotAttached : Check
{
    private const string PolicyName = "AWSCloudShellFullAccess";

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_cloudshell_full_access_not_attached",
        Title = "Nobody has full CloudShell access",
        Service = "iam",
        ResourceType = "AWS::IAM::ManagedPolicy",
        Severity = Severity.Medium,
        Rationale = "Full CloudShell access includes uploading and downloading files and unrestricted outbound internet from the shell, "
            + "an easy path to move data out of the account. Grant only the CloudShell actions people need.",
        Remediation = new Remediation(
            Steps: "Detach AWSCloudShellFullAccess from every user, group and role. Where CloudShell is needed, attach a customer-managed "
                + "policy that allows the shell but denies cloudshell:GetFileDownloadUrls and cloudshell:GetFileUploadUrls.",
            Cli: "aws iam list-entities-for-policy --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess\n"
                + "aws iam detach-group-policy --group-name <group> --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess\n"
                + "aws iam detach-user-policy --user-name <user> --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess\n"
                + "aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess",
            Terraform: "data \"aws_iam_policy_document\" \"cloudshell_no_transfer\" {\n"
                + "  statement {\n"
                + "    actions   = [\"cloudshell:*\"]\n"
                + "    resources = [\"*\"]\n"
                + "  }\n"
                + "  statement {\n"
                + "    effect    = \"Deny\"\n"
                + "    actions   = [\"cloudshell:GetFileDownloadUrls\", \"cloudshell:GetFileUploadUrls\"]\n"
                + "    resources = [\"*\"]\n"
                + "  }\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html",
            "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCloudShellFullAccess.html",
        ],
        DataSources = [Sources.IamAuthorizationDetails],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var arn = ManagedPolicyAttachments.AwsManagedArn(inventory.Partition, PolicyName);
        if (ErrorFor(context, Regions.Global) is { } error)
        {
            yield return Error(Regions.Global, PolicyName, arn, error);
            yield break;
        }

        var principals = ManagedPolicyAttachments.Of(inventory.Iam, arn);
        var evidence = ("attachedTo", principals.Count == 0 ? "none" : string.Join(", ", principals));
        yield return principals.Count == 0
            ? Pass(Regions.Global, PolicyName, arn, $"{PolicyName} is not attached to any user, group or role", evidence)
            : Fail(Regions.Global, PolicyName, arn, $"{PolicyName} is attached to {string.Join(", ", principals)}", evidence);
    }
}
