using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>CIS v5 1.9: every IAM user that can sign in to the console has an MFA device. One result per console user.</summary>
public sealed class IamUserConsoleMfaEnabled : CredentialReportCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_user_console_mfa_enabled",
        Title = "IAM users with a console password use MFA",
        Service = "iam",
        ResourceType = "AWS::IAM::User",
        Severity = Severity.High,
        Rationale = "A console password alone falls to phishing, reuse from another breach or guessing. A second factor stops a stolen password from being enough to sign in.",
        Remediation = new Remediation(
            Steps: "Ask the user to sign in and register an MFA device (a passkey or security key is best) under Security credentials, "
                + "or assign one as an administrator in IAM > Users > Security credentials. Add a policy that denies everything but MFA "
                + "setup while aws:MultiFactorAuthPresent is false, and move people to IAM Identity Center where you can.",
            Cli: "aws iam create-virtual-mfa-device --virtual-mfa-device-name <user> --outfile qr.png --bootstrap-method QRCodePNG\n"
                + "aws iam enable-mfa-device --user-name <user> \\\n"
                + "  --serial-number arn:aws:iam::<account-id>:mfa/<user> \\\n"
                + "  --authentication-code1 <code1> --authentication-code2 <code2>",
            Terraform: "resource \"aws_iam_virtual_mfa_device\" \"user\" {\n"
                + "  virtual_mfa_device_name = \"<user>\"\n"
                + "}\n"
                + "# The user completes registration with two codes from the device (console or enable-mfa-device)."),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_users-self-manage-mfa-and-creds.html",
        ],
        DataSources = [Sources.IamGenerateCredentialReport, Sources.IamGetCredentialReport],
    };

    protected override IEnumerable<CheckResult> EvaluateReport(EvaluationContext context, IReadOnlyList<CredentialReportRow> report)
    {
        var consoleUsers = report.Where(r => !r.IsRoot && r.PasswordEnabled).ToList();
        if (consoleUsers.Count == 0)
        {
            yield return NotApplicable(Regions.Global, context.Inventory.AccountId, null, "no IAM user has a console password");
            yield break;
        }

        foreach (var row in consoleUsers)
        {
            var evidence = new[] { ("passwordEnabled", "true"), ("mfaActive", Flag(row.MfaActive)), ("passwordLastUsed", Date(row.PasswordLastUsed)) };
            yield return row.MfaActive
                ? Pass(Regions.Global, row.User, row.Arn, "user has a console password and an active MFA device", evidence)
                : Fail(Regions.Global, row.User, row.Arn, "user can sign in to the console with a password alone: no MFA device", evidence);
        }
    }
}
