using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Kms;

/// <summary>
/// CIS v5 3.6: every enabled, customer managed symmetric key has automatic rotation on. Keys whose material AWS cannot rotate
/// (imported material, custom key stores) are NotApplicable; AWS managed, asymmetric, HMAC and disabled keys are not judged.
/// </summary>
public sealed class KmsKeyRotationEnabled : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "kms_key_rotation_enabled",
        Title = "Customer managed KMS key rotates its key material automatically",
        Service = "kms",
        ResourceType = "AWS::KMS::Key",
        Severity = Severity.Medium,
        Rationale = "Rotation limits how much data is protected by any single piece of key material, and meets the cryptoperiod rules of most "
            + "standards, at no cost to applications: old material stays available to decrypt what it encrypted.",
        Remediation = new Remediation(
            Steps: "Enable automatic rotation on the key (every 365 days by default, 90 to 2560 days allowed). Keys with imported material "
                + "or in a custom key store need manual rotation: create a new key and move the alias.",
            Cli: "aws kms enable-key-rotation --key-id <key-id> --rotation-period-in-days 365",
            Terraform: "resource \"aws_kms_key\" \"this\" {\n"
                + "  description         = \"application data\"\n"
                + "  enable_key_rotation = true\n"
                + "}",
            CloudFormation: "Key:\n"
                + "  Type: AWS::KMS::Key\n"
                + "  Properties:\n"
                + "    EnableKeyRotation: true"),
        References =
        [
            "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
            "https://docs.aws.amazon.com/kms/latest/developerguide/rotating-keys-enable.html",
        ],
        DataSources = [Sources.KmsKeys, Sources.KmsDescribeKey, Sources.KmsKeyRotationStatus],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var errors = context.FirstErrorPerRegion(Sources.KmsKeys);
        foreach (var error in errors)
        {
            yield return Error(error.Region, "keys", null, error);
        }

        var judged = 0;
        foreach (var key in inventory.Kms.Keys)
        {
            if (context.ErrorAbout(Sources.KmsDescribeKey, key.KeyId, key.Arn) is { } describeError)
            {
                judged++;
                yield return Error(key.Region, key.KeyId, key.Arn, describeError);
                continue;
            }

            if (!Is(key.KeyManager, "CUSTOMER") || !Is(key.KeySpec, "SYMMETRIC_DEFAULT") || !Is(key.KeyState, "Enabled"))
            {
                continue;
            }

            judged++;
            (string, string)[] evidence = [("origin", key.Origin), ("keySpec", key.KeySpec), ("description", key.Description ?? "")];
            if (!Is(key.Origin, "AWS_KMS"))
            {
                yield return NotApplicable(key.Region, key.KeyId, key.Arn, $"automatic rotation is not available for keys with origin {key.Origin}; rotate them by hand", evidence);
            }
            else if (context.ErrorAbout(Sources.KmsKeyRotationStatus, key.KeyId, key.Arn) is { } rotationError)
            {
                yield return Error(key.Region, key.KeyId, key.Arn, rotationError);
            }
            else if (key.KeyRotationEnabled is null)
            {
                yield return Result(ResultStatus.Error, key.Region, key.KeyId, key.Arn, "the key's rotation status was not collected", evidence);
            }
            else
            {
                yield return key.KeyRotationEnabled.Value
                    ? Pass(key.Region, key.KeyId, key.Arn, "automatic key rotation is enabled", evidence)
                    : Fail(key.Region, key.KeyId, key.Arn, "automatic key rotation is disabled", evidence);
            }
        }

        if (judged == 0 && errors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no enabled customer managed symmetric KMS keys");
        }
    }

    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
