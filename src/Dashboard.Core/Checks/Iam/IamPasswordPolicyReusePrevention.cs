using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>CIS v5 1.8: the password policy remembers the last 24 passwords (the most IAM allows).</summary>
public sealed class IamPasswordPolicyReusePrevention : Check
{
    private const int RequiredHistory = 24;

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_password_policy_reuse_prevention",
        Title = "IAM password policy prevents reuse of the last 24 passwords",
        Service = "iam",
        ResourceType = "AWS::::Account",
        Severity = Severity.Low,
        Rationale = "When users may cycle back to an old password, a password that leaked once keeps working after every forced change.",
        Remediation = new Remediation(
            Steps: "Open IAM > Account settings > Password policy, choose Edit, enable \"Prevent password reuse\" and set it to remember 24 passwords.",
            Cli: "# Every option left out is reset to its default, so pass all settings you want to keep\n"
                + "aws iam update-account-password-policy \\\n"
                + "  --password-reuse-prevention 24 \\\n"
                + "  --minimum-password-length 14 \\\n"
                + "  --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters \\\n"
                + "  --allow-users-to-change-password",
            Terraform: "resource \"aws_iam_account_password_policy\" \"this\" {\n"
                + "  password_reuse_prevention      = 24\n"
                + "  minimum_password_length        = 14\n"
                + "  allow_users_to_change_password = true\n"
                + "}"),
        References = ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html"],
        DataSources = [Sources.IamPasswordPolicy],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var accountId = context.Inventory.AccountId;
        if (ErrorFor(context, Regions.Global) is { } error)
        {
            yield return Error(Regions.Global, accountId, null, error);
            yield break;
        }

        if (context.Inventory.Iam.PasswordPolicy is not { } policy)
        {
            yield return Fail(Regions.Global, accountId, null, "no account password policy is set, so passwords can be reused");
            yield break;
        }

        if (policy.PasswordReusePrevention is not { } history)
        {
            yield return Fail(Regions.Global, accountId, null, "password policy does not prevent password reuse",
                ("PasswordReusePrevention", "not set"));
            yield break;
        }

        var evidence = ("PasswordReusePrevention", history.ToString(CultureInfo.InvariantCulture));
        yield return history >= RequiredHistory
            ? Pass(Regions.Global, accountId, null, $"password policy blocks reuse of the last {history} passwords", evidence)
            : Fail(Regions.Global, accountId, null,
                $"password policy blocks reuse of only the last {history} passwords; {RequiredHistory} are needed", evidence);
    }
}
