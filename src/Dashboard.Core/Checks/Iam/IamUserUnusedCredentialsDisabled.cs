using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// CIS v5 1.11: passwords and active access keys unused for more than <see cref="CheckSettings.UnusedCredentialDays"/>
/// are disabled. A credential never used is judged by when it was set (password change, key creation or rotation).
/// One result per user with an enabled password or an active key.
/// </summary>
public sealed class IamUserUnusedCredentialsDisabled : CredentialReportCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_user_unused_credentials_disabled",
        Title = "Unused IAM user credentials are disabled",
        Service = "iam",
        ResourceType = "AWS::IAM::User",
        Severity = Severity.Medium,
        Rationale = "Credentials nobody uses belong to people who left, projects that ended or scripts that moved. Nobody notices when "
            + "they are abused, so they should stop working once they fall out of use.",
        Remediation = new Remediation(
            Steps: "For each stale credential, confirm with the owner that it is no longer needed. Remove the console password "
                + "(delete the login profile) and deactivate, later delete, unused access keys. Delete the user when nothing is left.",
            Cli: "aws iam delete-login-profile --user-name <user>\n"
                + "aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive\n"
                + "aws iam delete-access-key --user-name <user> --access-key-id <key-id>",
            Terraform: "# Remove the aws_iam_user_login_profile and aws_iam_access_key resources of the user, or set the key inactive:\n"
                + "resource \"aws_iam_access_key\" \"legacy\" {\n"
                + "  user   = aws_iam_user.legacy.name\n"
                + "  status = \"Inactive\"\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html",
        ],
        DataSources = [Sources.IamGenerateCredentialReport, Sources.IamGetCredentialReport],
    };

    protected override IEnumerable<CheckResult> EvaluateReport(EvaluationContext context, IReadOnlyList<CredentialReportRow> report)
    {
        var limit = context.Settings.UnusedCredentialDays;
        var anyCredential = false;
        foreach (var row in report.Where(r => !r.IsRoot))
        {
            var keys = ActiveKeys(row).ToList();
            if (!row.PasswordEnabled && keys.Count == 0)
            {
                continue;
            }

            anyCredential = true;
            var stale = new List<string>();
            var evidence = new List<(string, string)> { ("unusedLimitDays", limit.ToString(CultureInfo.InvariantCulture)) };
            if (row.PasswordEnabled)
            {
                evidence.Add(("passwordLastUsed", Date(row.PasswordLastUsed)));
                evidence.Add(("passwordLastChanged", Date(row.PasswordLastChanged, "unknown")));
                stale.AddRange(Staleness("password", row.PasswordLastUsed, row.PasswordLastChanged ?? row.UserCreationTime, context.Now, limit));
            }

            foreach (var key in keys)
            {
                evidence.Add(($"accessKey{key.Slot}LastUsed", Date(key.LastUsed)));
                evidence.Add(($"accessKey{key.Slot}LastRotated", Date(key.LastRotated, "unknown")));
                stale.AddRange(Staleness($"access key {key.Slot}", key.LastUsed, key.LastRotated ?? row.UserCreationTime, context.Now, limit));
            }

            var items = evidence.ToArray();
            yield return stale.Count == 0
                ? Pass(Regions.Global, row.User, row.Arn, $"every enabled credential was used within {limit} days", items)
                : Fail(Regions.Global, row.User, row.Arn, string.Join("; ", stale), items);
        }

        if (!anyCredential)
        {
            yield return NotApplicable(Regions.Global, context.Inventory.AccountId, null, "no IAM user has a console password or an active access key");
        }
    }

    /// <summary>Why the credential is stale, or nothing when it was used (or, never used, set) within the limit.</summary>
    private static IEnumerable<string> Staleness(string name, DateTimeOffset? lastUsed, DateTimeOffset? setAt, DateTimeOffset now, int limit)
    {
        if (lastUsed is { } used)
        {
            if (now - used > TimeSpan.FromDays(limit))
            {
                yield return $"{name} last used {DaysBetween(used, now)} days ago (limit {limit})";
            }
        }
        else if (setAt is not { } set)
        {
            yield return $"{name} was never used and its creation date is unknown";
        }
        else if (now - set > TimeSpan.FromDays(limit))
        {
            yield return $"{name} was never used since it was set {DaysBetween(set, now)} days ago (limit {limit})";
        }
    }
}
