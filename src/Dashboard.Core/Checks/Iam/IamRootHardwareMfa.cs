using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// CIS v5 1.5: root's MFA is a hardware device, i.e. MFA is on and no virtual device is assigned to root. As in v5,
/// a root user without a password (credentials removed centrally) passes too.
/// </summary>
public sealed class IamRootHardwareMfa : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_root_hardware_mfa",
        Title = "Root user MFA is a hardware device",
        Service = "iam",
        ResourceType = "AWS::IAM::RootUser",
        Severity = Severity.High,
        Rationale = "An authenticator app lives on a phone that is backed up, cloned, lost or shared. A dedicated security key or hardware "
            + "token kept in a safe place cannot be copied, which matters most for the one user that can do everything.",
        Remediation = new Remediation(
            Steps: "Sign in as the root user, open Security credentials, register a FIDO2 security key or hardware TOTP token, test it, "
                + "then remove the virtual (app) device. Store the key in a safe with a second one as backup. In an AWS Organization, "
                + "removing root credentials from member accounts centrally is an alternative.",
            Cli: "# Root MFA devices are managed by the root user in the console. Show what is assigned now:\n"
                + "aws iam list-virtual-mfa-devices --assignment-status Assigned \\\n"
                + "  --query \"VirtualMFADevices[?ends_with(User.Arn, ':root')]\"\n"
                + "# Member accounts: remove root credentials centrally instead\n"
                + "aws iam enable-organizations-root-credentials-management",
            Terraform: "# Hardware MFA cannot be registered with Terraform. Manage member-account root credentials centrally:\n"
                + "resource \"aws_iam_organizations_features\" \"root\" {\n"
                + "  enabled_features = [\"RootCredentialsManagement\", \"RootSessions\"]\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-hw-mfa-for-root.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-fido-mfa-for-root.html",
        ],
        DataSources = [Sources.IamAccountSummary, Sources.IamVirtualMfaDevices],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var arn = inventory.RootArn;
        var summaryError = context.FirstError(Sources.IamAccountSummary);
        if (summaryError is not null)
        {
            yield return Error(Regions.Global, "root", arn, summaryError);
            yield break;
        }

        if (inventory.Iam.AccountSummary is not { } summary)
        {
            yield return Result(ResultStatus.Error, Regions.Global, "root", arn, "account summary was not collected", []);
            yield break;
        }

        var mfa = summary.GetValueOrDefault("AccountMFAEnabled");
        var password = summary.GetValueOrDefault("AccountPasswordPresent", 1);
        var evidence = new List<(string, string)>
        {
            ("AccountMFAEnabled", mfa.ToString(CultureInfo.InvariantCulture)),
            ("AccountPasswordPresent", password.ToString(CultureInfo.InvariantCulture)),
        };

        if (mfa == 0)
        {
            yield return password == 0
                ? Pass(Regions.Global, "root", arn, "root user has no password, so it cannot sign in to the console", [.. evidence])
                : Fail(Regions.Global, "root", arn, "root user has a password and no MFA device at all", [.. evidence]);
            yield break;
        }

        if (context.FirstError(Sources.IamVirtualMfaDevices) is { } listError)
        {
            yield return Error(Regions.Global, "root", arn, listError);
            yield break;
        }

        var virtualDevice = inventory.Iam.VirtualMfaDevices.FirstOrDefault(d => IsRoot(d, arn));
        evidence.Add(("rootVirtualMfaDevice", virtualDevice?.SerialNumber ?? "none"));
        yield return virtualDevice is null
            ? Pass(Regions.Global, "root", arn, "root user has MFA and no virtual MFA device, so the device is hardware", [.. evidence])
            : Fail(Regions.Global, "root", arn, $"root user's MFA is a virtual device ({virtualDevice.SerialNumber})", [.. evidence]);
    }

    private static bool IsRoot(VirtualMfaDevice device, string rootArn) =>
        string.Equals(device.UserArn, rootArn, StringComparison.Ordinal)
        || device.SerialNumber.EndsWith(":mfa/root-account-mfa-device", StringComparison.Ordinal);
}
