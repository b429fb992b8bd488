using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// CIS v5 1.6 (a heuristic; CIS leaves the judgement to a person): the root user's password and access keys were not
/// used within <see cref="CheckSettings.RootUsageWindowDays"/>. Legitimate root-only tasks are rare, so recent use is
/// flagged for someone to explain.
/// </summary>
public sealed class IamRootNotUsedRecently : CredentialReportCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_root_not_used_recently",
        Title = "Root user is not used for everyday work",
        Service = "iam",
        ResourceType = "AWS::IAM::RootUser",
        Severity = Severity.High,
        Rationale = "Every root sign-in exposes credentials that cannot be limited by any policy. Only a handful of account tasks need root, "
            + "so regular use points to work that should run under a role or to a shared login nobody owns.",
        Remediation = new Remediation(
            Steps: "Find out who used root and why (CloudTrail events with userIdentity.type Root). Move the work to IAM Identity Center "
                + "or a role with the needed permissions, lock the root credentials away, and alert on root activity. In an AWS Organization "
                + "use short root sessions from the management account (sts:AssumeRoot) for the few root-only tasks.",
            Cli: "aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=root --max-results 50\n"
                + "# Member accounts: perform root-only tasks through a short, scoped session instead\n"
                + "aws sts assume-root --target-principal <member-account-id> \\\n"
                + "  --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy",
            Terraform: "resource \"aws_iam_organizations_features\" \"root\" {\n"
                + "  enabled_features = [\"RootCredentialsManagement\", \"RootSessions\"]\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html",
        ],
        DataSources = [Sources.IamGenerateCredentialReport, Sources.IamGetCredentialReport],
    };

    protected override IEnumerable<CheckResult> EvaluateReport(EvaluationContext context, IReadOnlyList<CredentialReportRow> report)
    {
        var inventory = context.Inventory;
        if (report.FirstOrDefault(r => r.IsRoot) is not { } root)
        {
            yield return Result(ResultStatus.Error, Regions.Global, "root", inventory.RootArn, "credential report has no root row", []);
            yield break;
        }

        var window = context.Settings.RootUsageWindowDays;
        var uses = new (string Credential, DateTimeOffset? At)[]
        {
            ("password", root.PasswordLastUsed),
            ("access key 1", root.AccessKey1LastUsedDate),
            ("access key 2", root.AccessKey2LastUsedDate),
        };
        var evidence = uses.Select(u => ($"{u.Credential.Replace(" ", "", StringComparison.Ordinal)}LastUsed", Date(u.At)))
            .Append(("windowDays", window.ToString(CultureInfo.InvariantCulture)))
            .ToArray();

        var latest = uses.Where(u => u.At is not null).OrderByDescending(u => u.At).FirstOrDefault();
        if (latest.At is not { } at)
        {
            yield return Pass(Regions.Global, "root", inventory.RootArn, "root user has never signed in or used an access key", evidence);
        }
        else if (context.Now - at <= TimeSpan.FromDays(window))
        {
            yield return Fail(Regions.Global, "root", inventory.RootArn,
                $"root {latest.Credential} was used {DaysBetween(at, context.Now)} days ago (window {window} days)", evidence);
        }
        else
        {
            yield return Pass(Regions.Global, "root", inventory.RootArn,
                $"root was last used {DaysBetween(at, context.Now)} days ago, outside the {window}-day window", evidence);
        }
    }
}
