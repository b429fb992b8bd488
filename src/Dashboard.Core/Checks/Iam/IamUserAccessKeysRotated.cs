using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// CIS v5 1.13: every active access key of every IAM user is younger than <see cref="CheckSettings.AccessKeyMaxAgeDays"/>.
/// One result per user with an active key; users without active keys are skipped.
/// </summary>
public sealed class IamUserAccessKeysRotated : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_user_access_keys_rotated",
        Title = "IAM user access keys are rotated regularly",
        Service = "iam",
        ResourceType = "AWS::IAM::User",
        Severity = Severity.Medium,
        Rationale = "Long-lived keys pile up in laptops, CI systems and old backups. Rotating them bounds how long a leaked key stays useful.",
        Remediation = new Remediation(
            Steps: "Prefer roles: move workloads to IAM roles or IAM Identity Center and delete the user's keys. Where a key must stay, "
                + "create a second key, switch every consumer to it, deactivate the old key, watch for failures, then delete it.",
            Cli: "aws iam create-access-key --user-name <user>\n"
                + "# update every consumer to the new key, then:\n"
                + "aws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive\n"
                + "aws iam delete-access-key --user-name <user> --access-key-id <old-key-id>",
            Terraform: "# Replace the key on a schedule (hashicorp/time provider)\n"
                + "resource \"time_rotating\" \"ci_key\" {\n"
                + "  rotation_days = 90\n"
                + "}\n\n"
                + "resource \"aws_iam_access_key\" \"ci\" {\n"
                + "  user = aws_iam_user.ci.name\n"
                + "  lifecycle {\n"
                + "    create_before_destroy = true\n"
                + "    replace_triggered_by  = [time_rotating.ci_key]\n"
                + "  }\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html",
        ],
        DataSources = [Sources.IamGenerateCredentialReport, Sources.IamGetCredentialReport],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        if (ErrorFor(context, Regions.Global) is { } error)
        {
            yield return Error(Regions.Global, inventory.AccountId, null, error);
            yield break;
        }

        // A real report always has the root row, so an empty one was never collected.
        var report = inventory.Iam.CredentialReport;
        if (report.Count == 0)
        {
            yield return Result(ResultStatus.Error, Regions.Global, inventory.AccountId, null, "credential report was not collected", []);
            yield break;
        }

        var maxAge = context.Settings.AccessKeyMaxAgeDays;
        var anyActiveKey = false;
        foreach (var row in report.Where(r => !r.IsRoot))
        {
            var keys = ActiveKeys(row).ToList();
            if (keys.Count == 0)
            {
                continue;
            }

            anyActiveKey = true;
            var evidence = keys.Select(k => ($"accessKey{k.Slot}LastRotated", k.LastRotated?.ToString("O", CultureInfo.InvariantCulture) ?? "unknown"))
                .Append(("maxAgeDays", maxAge.ToString(CultureInfo.InvariantCulture)))
                .ToArray();
            var stale = keys.Select(k => Staleness(k, context.Now, maxAge)).OfType<string>().ToList();
            yield return stale.Count == 0
                ? Pass(Regions.Global, row.User, row.Arn, $"every active access key was rotated within {maxAge} days", evidence)
                : Fail(Regions.Global, row.User, row.Arn, string.Join("; ", stale), evidence);
        }

        if (!anyActiveKey)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "no IAM user has an active access key");
        }
    }

    private static IEnumerable<(int Slot, DateTimeOffset? LastRotated)> ActiveKeys(CredentialReportRow row)
    {
        if (row.AccessKey1Active)
        {
            yield return (1, row.AccessKey1LastRotated);
        }

        if (row.AccessKey2Active)
        {
            yield return (2, row.AccessKey2LastRotated);
        }
    }

    /// <summary>Why the key is too old, or null when it is fresh enough.</summary>
    private static string? Staleness((int Slot, DateTimeOffset? LastRotated) key, DateTimeOffset now, int maxAgeDays)
    {
        if (key.LastRotated is not { } rotated)
        {
            return $"access key {key.Slot} is active and its rotation date is unknown";
        }

        var age = now - rotated;
        return age > TimeSpan.FromDays(maxAgeDays)
            ? $"access key {key.Slot} is {(int)age.TotalDays} days old (limit {maxAgeDays})"
            : null;
    }
}
