using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>CIS v5 1.7: the account password policy demands at least <see cref="CheckSettings.PasswordMinimumLength"/> characters.</summary>
public sealed class IamPasswordPolicyMinimumLength : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_password_policy_minimum_length",
        Title = "IAM password policy requires long passwords",
        Service = "iam",
        ResourceType = "AWS::::Account",
        Severity = Severity.Medium,
        Rationale = "Length is what makes a password hard to guess or crack offline. Without a policy, IAM users may choose passwords as short as 8 characters.",
        Remediation = new Remediation(
            Steps: "Open IAM > Account settings > Password policy, choose Edit, and set the minimum length to 14 characters or more. "
                + "Existing passwords keep working until they are next changed.",
            Cli: "# Every option left out is reset to its default, so pass all settings you want to keep\n"
                + "aws iam update-account-password-policy \\\n"
                + "  --minimum-password-length 14 \\\n"
                + "  --password-reuse-prevention 24 \\\n"
                + "  --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters \\\n"
                + "  --allow-users-to-change-password",
            Terraform: "resource \"aws_iam_account_password_policy\" \"this\" {\n"
                + "  minimum_password_length        = 14\n"
                + "  password_reuse_prevention      = 24\n"
                + "  require_symbols                = true\n"
                + "  require_numbers                = true\n"
                + "  require_uppercase_characters   = true\n"
                + "  require_lowercase_characters   = true\n"
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

        var required = context.Settings.PasswordMinimumLength;
        var requiredEvidence = ("RequiredMinimumLength", required.ToString(CultureInfo.InvariantCulture));
        if (context.Inventory.Iam.PasswordPolicy is not { } policy)
        {
            yield return Fail(Regions.Global, accountId, null,
                "no account password policy is set, so IAM accepts passwords of 8 characters", requiredEvidence);
            yield break;
        }

        var length = policy.MinimumPasswordLength;
        var evidence = new[] { ("MinimumPasswordLength", length.ToString(CultureInfo.InvariantCulture)), requiredEvidence };
        yield return length >= required
            ? Pass(Regions.Global, accountId, null, $"password policy requires at least {length} characters", evidence)
            : Fail(Regions.Global, accountId, null, $"password policy requires only {length} characters; at least {required} are needed", evidence);
    }
}
