using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>CIS v5 1.4: passes when root has MFA, or when root has no password at all (central root access).</summary>
public sealed class IamRootMfaEnabled : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_root_mfa_enabled",
        Title = "Root user is protected by MFA",
        Service = "iam",
        ResourceType = "AWS::IAM::RootUser",
        Severity = Severity.Critical,
        Rationale = "The root user can do anything in the account, including closing it. A stolen root password without MFA is a full account takeover.",
        Remediation = new Remediation(
            Steps: "Sign in as the root user, open Security credentials, and assign an MFA device (a hardware key or passkey is preferred). "
                + "In an AWS Organization you can instead remove root credentials centrally (IAM > Root access management).",
            Cli: "# Root MFA cannot be enabled through the CLI; for member accounts remove root credentials centrally:\n"
                + "aws iam enable-organizations-root-credentials-management\n"
                + "aws iam delete-login-profile --user-name <root> # via an assumed root session (sts assume-root)",
            Terraform: "# Root MFA is configured by the root user in the console. Enforce central root access instead:\n"
                + "resource \"aws_iam_organizations_features\" \"root\" {\n  enabled_features = [\"RootCredentialsManagement\", \"RootSessions\"]\n}"),
        References = ["https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-virt-mfa-for-root.html"],
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

        var mfa = summary.GetValueOrDefault("AccountMFAEnabled");
        var password = summary.GetValueOrDefault("AccountPasswordPresent", 1);
        var evidence = new[] { ("AccountMFAEnabled", mfa.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("AccountPasswordPresent", password.ToString(System.Globalization.CultureInfo.InvariantCulture)) };

        if (mfa == 1)
        {
            yield return Result(ResultStatus.Pass, Regions.Global, "root", arn, "root user has MFA enabled", evidence);
        }
        else if (password == 0)
        {
            yield return Result(ResultStatus.Pass, Regions.Global, "root", arn, "root user has no password, so it cannot sign in to the console", evidence);
        }
        else
        {
            yield return Result(ResultStatus.Fail, Regions.Global, "root", arn, "root user has a password and no MFA device", evidence);
        }
    }
}
