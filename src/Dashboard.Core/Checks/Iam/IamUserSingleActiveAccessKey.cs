using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>CIS v5 1.12: no IAM user has two active access keys. One result per user with an active key.</summary>
public sealed class IamUserSingleActiveAccessKey : CredentialReportCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_user_single_active_access_key",
        Title = "IAM users have at most one active access key",
        Service = "iam",
        ResourceType = "AWS::IAM::User",
        Severity = Severity.Medium,
        Rationale = "Two active keys usually mean a rotation that was never finished: the old key stays valid, keeps working wherever it leaked, "
            + "and doubles what has to be tracked.",
        Remediation = new Remediation(
            Steps: "Find which key is still in use (the credential report shows the last use of each), switch the remaining consumers to it, "
                + "deactivate the other key, wait to see that nothing breaks, then delete it.",
            Cli: "aws iam list-access-keys --user-name <user>\n"
                + "aws iam get-access-key-last-used --access-key-id <key-id>\n"
                + "aws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive\n"
                + "aws iam delete-access-key --user-name <user> --access-key-id <old-key-id>",
            Terraform: "# Manage exactly one key per user; remove the second aws_iam_access_key resource after the switch.\n"
                + "resource \"aws_iam_access_key\" \"ci\" {\n"
                + "  user   = aws_iam_user.ci.name\n"
                + "  status = \"Active\"\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html",
        ],
        DataSources = [Sources.IamGenerateCredentialReport, Sources.IamGetCredentialReport],
    };

    protected override IEnumerable<CheckResult> EvaluateReport(EvaluationContext context, IReadOnlyList<CredentialReportRow> report)
    {
        var withKeys = report.Where(r => !r.IsRoot && (r.AccessKey1Active || r.AccessKey2Active)).ToList();
        if (withKeys.Count == 0)
        {
            yield return NotApplicable(Regions.Global, context.Inventory.AccountId, null, "no IAM user has an active access key");
            yield break;
        }

        foreach (var row in withKeys)
        {
            var evidence = new[]
            {
                ("accessKey1Active", Flag(row.AccessKey1Active)), ("accessKey1LastUsed", Date(row.AccessKey1LastUsedDate)),
                ("accessKey2Active", Flag(row.AccessKey2Active)), ("accessKey2LastUsed", Date(row.AccessKey2LastUsedDate)),
            };
            yield return row.AccessKey1Active && row.AccessKey2Active
                ? Fail(Regions.Global, row.User, row.Arn, "user has two active access keys", evidence)
                : Pass(Regions.Global, row.User, row.Arn, "user has one active access key", evidence);
        }
    }
}
