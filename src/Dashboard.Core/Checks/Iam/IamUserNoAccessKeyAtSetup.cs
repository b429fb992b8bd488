using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// CIS v5 1.10 (a heuristic, as the report cannot tell who asked for a key): a console user's active access key that
/// has never been used was most likely handed out when the user was created, without a need. One result per console user.
/// </summary>
public sealed class IamUserNoAccessKeyAtSetup : CredentialReportCheck
{
    /// <summary>A key whose creation is this close to the user's creation counts as issued at setup (evidence only).</summary>
    private static readonly TimeSpan SetupWindow = TimeSpan.FromMinutes(10);

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_user_no_access_key_at_setup",
        Title = "Console users have no unused access keys from account setup",
        Service = "iam",
        ResourceType = "AWS::IAM::User",
        Severity = Severity.Low,
        Rationale = "People who work in the console rarely need an access key. Keys created out of habit when the user is set up sit unused "
            + "and unwatched, yet work from anywhere the moment they leak.",
        Remediation = new Remediation(
            Steps: "Confirm with the user that the key is not needed, then delete it. Create keys only when someone asks for one, "
                + "and prefer short-lived credentials (aws sso login, IAM Identity Center) for command-line work.",
            Cli: "aws iam list-access-keys --user-name <user>\n"
                + "aws iam delete-access-key --user-name <user> --access-key-id <key-id>",
            Terraform: "# Remove the aws_iam_access_key resource created next to the console user:\n"
                + "# resource \"aws_iam_access_key\" \"<user>\" { user = aws_iam_user.<user>.name }  <- delete"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html",
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
            var keys = ActiveKeys(row).ToList();
            var evidence = keys.SelectMany(k => new[]
                {
                    ($"accessKey{k.Slot}LastRotated", Date(k.LastRotated, "unknown")),
                    ($"accessKey{k.Slot}LastUsed", Date(k.LastUsed)),
                    ($"accessKey{k.Slot}CreatedAtSetup", Flag(CreatedAtSetup(row, k.LastRotated))),
                })
                .Prepend(("userCreated", Date(row.UserCreationTime, "unknown")))
                .ToArray();

            var unused = keys.Where(k => k.LastUsed is null).Select(k => k.Slot).ToList();
            if (keys.Count == 0)
            {
                yield return Pass(Regions.Global, row.User, row.Arn, "console user has no active access key", evidence);
            }
            else if (unused.Count > 0)
            {
                yield return Fail(Regions.Global, row.User, row.Arn,
                    $"console user has an active access key that was never used (key {string.Join(" and ", unused)})", evidence);
            }
            else
            {
                yield return Pass(Regions.Global, row.User, row.Arn, "every active access key of this console user is in use", evidence);
            }
        }
    }

    private static bool CreatedAtSetup(CredentialReportRow row, DateTimeOffset? keyCreated) =>
        row.UserCreationTime is { } user && keyCreated is { } key && (key - user).Duration() <= SetupWindow;
}
