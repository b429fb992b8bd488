using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.CloudTrail;

/// <summary>
/// CIS v5 3.2: every trail writes signed digest files so that changes to its logs can be detected. The resource id is the
/// trail ARN, because an organization trail and a local trail in the same Region may share a name.
/// </summary>
public sealed class CloudTrailLogFileValidationEnabled : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "cloudtrail_log_file_validation_enabled",
        Title = "CloudTrail trail validates its log files",
        Service = "cloudtrail",
        ResourceType = "AWS::CloudTrail::Trail",
        Severity = Severity.Medium,
        Rationale = "An intruder who can write to the log bucket can edit or delete log files to cover their tracks. Signed digest files "
            + "let you prove whether a log file was changed or removed after delivery.",
        Remediation = new Remediation(
            Steps: "Open CloudTrail > Trails, select the trail, edit General details and turn on Log file validation. "
                + "Organization trails are changed from the management account in the trail's home Region.",
            Cli: "aws cloudtrail update-trail --name <trail-name-or-arn> --enable-log-file-validation\n"
                + "# later, to verify the logs:\n"
                + "aws cloudtrail validate-logs --trail-arn <trail-arn> --start-time <yyyy-mm-ddThh:mm:ssZ>",
            Terraform: "resource \"aws_cloudtrail\" \"audit\" {\n"
                + "  # ...\n"
                + "  enable_log_file_validation = true\n"
                + "}",
            CloudFormation: "Trail:\n"
                + "  Type: AWS::CloudTrail::Trail\n"
                + "  Properties:\n"
                + "    EnableLogFileValidation: true"),
        References = ["https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html"],
        DataSources = [Sources.CloudTrailDescribeTrails],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var errors = context.FirstErrorPerRegion(Sources.CloudTrailDescribeTrails);
        foreach (var error in errors)
        {
            yield return Error(error.Region, "trails", null, error);
        }

        var trails = context.Inventory.CloudTrail.Trails;
        if (trails.Count == 0 && errors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, context.Inventory.AccountId, null, "the account has no CloudTrail trail");
        }

        foreach (var trail in trails)
        {
            var evidence = ("logFileValidationEnabled", trail.LogFileValidationEnabled ? "true" : "false");
            yield return trail.LogFileValidationEnabled
                ? Pass(trail.HomeRegion, trail.Arn, trail.Arn, "log file validation is enabled", evidence)
                : Fail(trail.HomeRegion, trail.Arn, trail.Arn, "log file validation is disabled", evidence);
        }
    }
}
