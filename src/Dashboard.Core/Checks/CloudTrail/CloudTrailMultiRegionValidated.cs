namespace Dashboard.Core.Checks.CloudTrail;

/// <summary>
/// Checklist X9: one trail does it all: multi-Region, logging, read and write management events, and log file validation.
/// Splitting these over several trails does not count, since no single record is then both complete and provably untouched.
/// </summary>
public sealed class CloudTrailMultiRegionValidated : TrailAccountCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "cloudtrail_multi_region_validated",
        Title = "One multi-Region CloudTrail trail records all management events and validates its log files",
        Service = "cloudtrail",
        ResourceType = "AWS::::Account",
        Severity = Severity.High,
        Rationale = "An investigation needs one record of API activity that covers every Region, every read and write, and that can be "
            + "proven unaltered. A complete trail without validation can be edited quietly; a validated trail with gaps misses the activity that matters.",
        Remediation = new Remediation(
            Steps: "Pick the account's (or the organization's) main trail and make it apply to all Regions, record read and write management events, "
                + "turn on log file validation and make sure it is logging.",
            Cli: "aws cloudtrail update-trail --name <trail> --is-multi-region-trail --enable-log-file-validation\n"
                + "aws cloudtrail put-event-selectors --trail-name <trail> \\\n"
                + "  --event-selectors '[{\"ReadWriteType\": \"All\", \"IncludeManagementEvents\": true}]'\n"
                + "aws cloudtrail start-logging --name <trail>",
            Terraform: "resource \"aws_cloudtrail\" \"audit\" {\n"
                + "  name                       = \"account-audit\"\n"
                + "  s3_bucket_name             = aws_s3_bucket.trail.id\n"
                + "  is_multi_region_trail      = true\n"
                + "  enable_log_file_validation = true\n"
                + "  enable_logging             = true\n"
                + "  event_selector {\n"
                + "    read_write_type           = \"All\"\n"
                + "    include_management_events = true\n"
                + "  }\n"
                + "}",
            CloudFormation: "Trail:\n"
                + "  Type: AWS::CloudTrail::Trail\n"
                + "  Properties:\n"
                + "    S3BucketName: !Ref TrailBucket\n"
                + "    IsLogging: true\n"
                + "    IsMultiRegionTrail: true\n"
                + "    EnableLogFileValidation: true"),
        References =
        [
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html",
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
        ],
        DataSources = [Sources.CloudTrailDescribeTrails, Sources.CloudTrailTrailStatus, Sources.CloudTrailEventSelectors],
    };

    private protected override TrailRequirement Requirements => TrailRequirement.AllManagementEvents | TrailRequirement.LogFileValidation;
}
