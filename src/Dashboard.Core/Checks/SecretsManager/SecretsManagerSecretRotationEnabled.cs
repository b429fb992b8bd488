using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.SecretsManager;

/// <summary>
/// Checklist X6: every secret rotates automatically, at most every <see cref="CheckSettings.SecretRotationMaxDays"/> days, and
/// actually did rotate within that time (last rotation, or creation when never rotated). Secrets owned by another service
/// (an RDS master password, say) without rotation on are Manual: that service decides how they are rotated.
/// </summary>
public sealed class SecretsManagerSecretRotationEnabled : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "secretsmanager_secret_rotation_enabled",
        Title = "Secrets Manager secret rotates automatically and on time",
        Service = "secretsmanager",
        ResourceType = "AWS::SecretsManager::Secret",
        Severity = Severity.Medium,
        Rationale = "A credential that never changes stays useful to whoever copied it from a laptop, a log or an old backup. Automatic rotation "
            + "limits that window without anyone having to remember, and a secret that has not rotated in time shows a broken rotation function.",
        Remediation = new Remediation(
            Steps: "Turn on automatic rotation with a rotation function (AWS provides templates for RDS, Redshift, DocumentDB and more) and a schedule "
                + "within the allowed interval. If rotation is on but the secret is overdue, check the rotation Lambda's logs: it is probably failing.",
            Cli: "aws secretsmanager rotate-secret --secret-id <secret-name-or-arn> \\\n"
                + "  --rotation-lambda-arn <rotation-function-arn> --rotation-rules AutomaticallyAfterDays=30",
            Terraform: "resource \"aws_secretsmanager_secret_rotation\" \"this\" {\n"
                + "  secret_id           = aws_secretsmanager_secret.this.id\n"
                + "  rotation_lambda_arn = aws_lambda_function.rotate.arn\n"
                + "  rotation_rules {\n"
                + "    automatically_after_days = 30\n"
                + "  }\n"
                + "}",
            CloudFormation: "Rotation:\n"
                + "  Type: AWS::SecretsManager::RotationSchedule\n"
                + "  Properties:\n"
                + "    SecretId: !Ref Secret\n"
                + "    RotationLambdaARN: !GetAtt RotationFunction.Arn\n"
                + "    RotationRules:\n"
                + "      AutomaticallyAfterDays: 30"),
        References =
        [
            "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html",
            "https://docs.aws.amazon.com/secretsmanager/latest/userguide/troubleshoot_rotation.html",
        ],
        DataSources = [Sources.SecretsManagerSecrets],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var errors = context.FirstErrorPerRegion(Sources.SecretsManagerSecrets);
        foreach (var error in errors)
        {
            yield return Error(error.Region, "secrets", null, error);
        }

        var secrets = inventory.SecretsManager.Secrets;
        if (secrets.Count == 0 && errors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no Secrets Manager secrets");
        }

        var maxDays = context.Settings.SecretRotationMaxDays;
        foreach (var secret in secrets)
        {
            var since = secret.LastRotatedDate ?? secret.CreatedDate;
            var ageDays = since is { } s ? (int)Math.Floor((context.Now - s).TotalDays) : (int?)null;
            (string, string)[] evidence =
            [
                ("rotationEnabled", secret.RotationEnabled ? "true" : "false"),
                ("rotationIntervalDays", secret.RotationIntervalDays?.ToString(CultureInfo.InvariantCulture) ?? "not set"),
                ("lastRotated", secret.LastRotatedDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never"),
                ("maxDays", maxDays.ToString(CultureInfo.InvariantCulture)),
                ("owningService", secret.OwningService ?? "none"),
            ];

            if (!secret.RotationEnabled)
            {
                yield return secret.OwningService is { Length: > 0 } owner
                    ? Manual(secret.Region, secret.Name, secret.Arn, $"the secret is managed by {owner}, which controls its rotation; confirm it is rotated", evidence)
                    : Fail(secret.Region, secret.Name, secret.Arn, "automatic rotation is off", evidence);
            }
            else if (secret.RotationIntervalDays is { } interval && interval > maxDays)
            {
                yield return Fail(secret.Region, secret.Name, secret.Arn, $"rotation runs every {interval} days, more than the allowed {maxDays}", evidence);
            }
            else if (ageDays is { } age && age > maxDays)
            {
                yield return Fail(secret.Region, secret.Name, secret.Arn,
                    $"rotation is on but the secret was last {(secret.LastRotatedDate is null ? "set at creation" : "rotated")} {age} days ago; the rotation function may be failing",
                    evidence);
            }
            else
            {
                yield return Pass(secret.Region, secret.Name, secret.Arn,
                    secret.RotationIntervalDays is { } days ? $"the secret rotates automatically every {days} days" : "the secret rotates automatically", evidence);
            }
        }
    }
}
