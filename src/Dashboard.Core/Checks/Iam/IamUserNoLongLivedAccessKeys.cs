using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// Checklist X5: workloads use roles, so no IAM user holds an active access key unless a tag listed in
/// <see cref="CheckSettings.AccessKeyExceptionTags"/> records an approved exception. One result per IAM user.
/// </summary>
public sealed class IamUserNoLongLivedAccessKeys : CredentialReportCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_user_no_long_lived_access_keys",
        Title = "IAM users hold no long-lived access keys",
        Service = "iam",
        ResourceType = "AWS::IAM::User",
        Severity = Severity.Medium,
        Rationale = "An access key is a password that never expires and works from anywhere. Roles give workloads credentials that expire "
            + "within hours: EC2 instance profiles, ECS task roles, Lambda execution roles, OIDC federation for CI, IAM Roles Anywhere on premises.",
        Remediation = new Remediation(
            Steps: "Move each key's consumer to temporary credentials: an instance profile or task role in AWS, GitHub/GitLab OIDC for CI, "
                + "IAM Roles Anywhere for servers outside AWS, IAM Identity Center for people. Then deactivate and delete the key. "
                + "Where a key must stay, tag the user with an exception (e.g. ExceptionTicket=<ticket>) and rotate it.",
            Cli: "aws iam list-access-keys --user-name <user>\n"
                + "aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive\n"
                + "aws iam delete-access-key --user-name <user> --access-key-id <key-id>\n"
                + "# approved exception:\n"
                + "aws iam tag-user --user-name <user> --tags Key=ExceptionTicket,Value=<ticket>",
            Terraform: "# Replace the user's key with a role the workload assumes, e.g. for GitHub Actions:\n"
                + "resource \"aws_iam_role\" \"ci\" {\n"
                + "  name               = \"gha-deploy\"\n"
                + "  assume_role_policy = data.aws_iam_policy_document.github_oidc_trust.json\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles",
            "https://docs.aws.amazon.com/rolesanywhere/latest/userguide/introduction.html",
        ],
        DataSources = [Sources.IamGenerateCredentialReport, Sources.IamGetCredentialReport, Sources.IamAuthorizationDetails],
    };

    protected override IEnumerable<CheckResult> EvaluateReport(EvaluationContext context, IReadOnlyList<CredentialReportRow> report)
    {
        var users = context.Inventory.Iam.Users.ToDictionary(u => u.UserName, StringComparer.Ordinal);
        var rows = report.Where(r => !r.IsRoot).ToList();
        if (rows.Count == 0)
        {
            yield return NotApplicable(Regions.Global, context.Inventory.AccountId, null, "the account has no IAM users");
            yield break;
        }

        foreach (var row in rows)
        {
            var keys = ActiveKeys(row).ToList();
            var evidence = keys.SelectMany(k => new[] { ($"accessKey{k.Slot}LastRotated", Date(k.LastRotated, "unknown")), ($"accessKey{k.Slot}LastUsed", Date(k.LastUsed)) })
                .Prepend(("activeAccessKeys", keys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            if (keys.Count == 0)
            {
                yield return Pass(Regions.Global, row.User, row.Arn, "user has no active access key", [.. evidence]);
                continue;
            }

            var exception = users.TryGetValue(row.User, out var user)
                ? context.Settings.AccessKeyExceptionTags
                    .Select(tag => (Tag: tag, Value: user.Tags.GetValueOrDefault(tag)))
                    .FirstOrDefault(t => !string.IsNullOrWhiteSpace(t.Value) && !string.Equals(t.Value, "false", StringComparison.OrdinalIgnoreCase))
                : default;
            if (exception.Tag is not null)
            {
                evidence.Add(("exceptionTag", $"{exception.Tag}={exception.Value}"));
                yield return Pass(Regions.Global, row.User, row.Arn,
                    $"user has an active access key under an approved exception ({exception.Tag}={exception.Value})", [.. evidence]);
            }
            else
            {
                yield return Fail(Regions.Global, row.User, row.Arn,
                    keys.Count == 1 ? "user has an active long-lived access key" : "user has two active long-lived access keys", [.. evidence]);
            }
        }
    }
}
