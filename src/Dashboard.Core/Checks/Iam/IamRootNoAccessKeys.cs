using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>CIS v5 1.3: passes when the account summary reports no root access keys.</summary>
public sealed class IamRootNoAccessKeys : Check
{
    private const string SummaryKey = "AccountAccessKeysPresent";

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_root_no_access_keys",
        Title = "Root user has no access keys",
        Service = "iam",
        ResourceType = "AWS::IAM::RootUser",
        Severity = Severity.Critical,
        Rationale = "A root access key works from anywhere, cannot be narrowed by an IAM policy, and tends to end up in scripts and CI logs. "
            + "Whoever holds it controls every resource and the billing of the account.",
        Remediation = new Remediation(
            Steps: "Find what still uses the key (the credential report shows when and for which service it was last used) and move that "
                + "workload to an IAM role. Then sign in as the root user, open Security credentials and delete the access keys. "
                + "In an AWS Organization, member-account root credentials can be removed centrally instead.",
            Cli: "# See when the root keys were last used\n"
                + "aws iam generate-credential-report\n"
                + "aws iam get-credential-report --query Content --output text | base64 -d | grep '^<root_account>'\n"
                + "# Member accounts: delete the keys through a short root session from the management account\n"
                + "aws sts assume-root --target-principal <member-account-id> \\\n"
                + "  --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials\n"
                + "aws iam list-access-keys                          # with the root session's credentials\n"
                + "aws iam delete-access-key --access-key-id <key-id>",
            Terraform: "# Terraform cannot delete root keys. Stop new ones by managing root credentials centrally:\n"
                + "resource \"aws_iam_organizations_features\" \"root\" {\n"
                + "  enabled_features = [\"RootCredentialsManagement\", \"RootSessions\"]\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html",
        ],
        DataSources = [Sources.IamAccountSummary],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var arn = inventory.RootArn;
        if (ErrorFor(context, Regions.Global) is { } error)
        {
            yield return Error(Regions.Global, "root", arn, error);
            yield break;
        }

        if (inventory.Iam.AccountSummary is not { } summary)
        {
            yield return Result(ResultStatus.Error, Regions.Global, "root", arn, "account summary was not collected", []);
            yield break;
        }

        // A summary without the key proves nothing: treat it as missing data, never as "no keys".
        if (!summary.TryGetValue(SummaryKey, out var keys))
        {
            yield return Result(ResultStatus.Error, Regions.Global, "root", arn, $"account summary does not include {SummaryKey}", []);
            yield break;
        }

        var evidence = (SummaryKey, keys.ToString(CultureInfo.InvariantCulture));
        yield return keys == 0
            ? Pass(Regions.Global, "root", arn, "root user has no access keys", evidence)
            : Fail(Regions.Global, "root", arn, "root user has access keys", evidence);
    }
}
