namespace Dashboard.Core.Checks.CloudTrail;

/// <summary>
/// CIS v5 3.1: at least one trail is multi-Region, is logging and records read and write management events. One account-level
/// result. Log file validation on top of that is checklist X9, <see cref="CloudTrailMultiRegionValidated"/>.
/// </summary>
public sealed class CloudTrailMultiRegionLogging : TrailAccountCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "cloudtrail_multi_region_logging",
        Title = "A multi-Region CloudTrail trail records all management events",
        Service = "cloudtrail",
        ResourceType = "AWS::::Account",
        Severity = Severity.High,
        Rationale = "Investigating an incident needs a complete, trustworthy record of API activity in every Region, including Regions nobody "
            + "meant to use. Read events show reconnaissance, write events show changes, and log file validation shows whether the record was altered.",
        Remediation = new Remediation(
            Steps: "Create (or fix) one trail that applies to all Regions, records management events for both reads and writes, has log file "
                + "validation enabled and is logging. In an AWS Organization an organization trail from the management account covers every member account.",
            Cli: "aws cloudtrail create-trail --name account-audit --s3-bucket-name <log-bucket> \\\n"
                + "  --is-multi-region-trail --enable-log-file-validation\n"
                + "aws cloudtrail put-event-selectors --trail-name account-audit \\\n"
                + "  --event-selectors '[{\"ReadWriteType\": \"All\", \"IncludeManagementEvents\": true}]'\n"
                + "aws cloudtrail start-logging --name account-audit",
            Terraform: "resource \"aws_cloudtrail\" \"audit\" {\n"
                + "  name                          = \"account-audit\"\n"
                + "  s3_bucket_name                = aws_s3_bucket.trail.id\n"
                + "  is_multi_region_trail         = true\n"
                + "  include_global_service_events = true\n"
                + "  enable_log_file_validation    = true\n"
                + "  enable_logging                = true\n"
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
                + "    IncludeGlobalServiceEvents: true\n"
                + "    EnableLogFileValidation: true\n"
                + "    EventSelectors:\n"
                + "      - ReadWriteType: All\n"
                + "        IncludeManagementEvents: true"),
        References =
        [
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html",
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html",
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
        ],
        DataSources = [Sources.CloudTrailDescribeTrails, Sources.CloudTrailTrailStatus, Sources.CloudTrailEventSelectors],
    };

    private protected override TrailRequirement Requirements => TrailRequirement.AllManagementEvents;
}
