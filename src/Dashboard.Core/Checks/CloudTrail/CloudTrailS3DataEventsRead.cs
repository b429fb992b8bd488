namespace Dashboard.Core.Checks.CloudTrail;

/// <summary>CIS v5 3.9: a multi-Region, logging trail records S3 object-level read events (GetObject and other object reads) for every bucket.</summary>
public sealed class CloudTrailS3DataEventsRead : TrailAccountCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "cloudtrail_s3_data_events_read",
        Title = "A multi-Region CloudTrail trail logs S3 object-level read events for all buckets",
        Service = "cloudtrail",
        ResourceType = "AWS::::Account",
        Severity = Severity.Medium,
        Rationale = "Object-level read events show who downloaded which object, which is the only way to scope a data leak from S3 after the fact. Management events do not include them, and a selector limited to some buckets misses the bucket nobody thought of.",
        Remediation = new Remediation(
            Steps: "On a multi-Region trail add a data event selector for S3 objects in all current and future buckets (read or all events). "
                + "Data events are charged per event: consider a dedicated trail, and exclude high-volume, low-value buckets only by an explicit decision.",
            Cli: "aws cloudtrail put-event-selectors --trail-name <trail> --advanced-event-selectors '[\n"
                + "  {\"Name\": \"Management\", \"FieldSelectors\": [{\"Field\": \"eventCategory\", \"Equals\": [\"Management\"]}]},\n"
                + "  {\"Name\": \"S3 objects\", \"FieldSelectors\": [\n"
                + "    {\"Field\": \"eventCategory\", \"Equals\": [\"Data\"]},\n"
                + "    {\"Field\": \"resources.type\", \"Equals\": [\"AWS::S3::Object\"]}]}]'",
            Terraform: "resource \"aws_cloudtrail\" \"audit\" {\n"
                + "  # ...\n"
                + "  event_selector {\n"
                + "    read_write_type           = \"All\" # or \"ReadOnly\"\n"
                + "    include_management_events = true\n"
                + "    data_resource {\n"
                + "      type   = \"AWS::S3::Object\"\n"
                + "      values = [\"arn:aws:s3\"]\n"
                + "    }\n"
                + "  }\n"
                + "}",
            CloudFormation: "Trail:\n"
                + "  Type: AWS::CloudTrail::Trail\n"
                + "  Properties:\n"
                + "    EventSelectors:\n"
                + "      - ReadWriteType: All\n"
                + "        IncludeManagementEvents: true\n"
                + "        DataResources:\n"
                + "          - Type: AWS::S3::Object\n"
                + "            Values: [\"arn:aws:s3\"]"),
        References =
        [
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html",
        ],
        DataSources = [Sources.CloudTrailDescribeTrails, Sources.CloudTrailTrailStatus, Sources.CloudTrailEventSelectors],
    };

    private protected override TrailRequirement Requirements => TrailRequirement.MultiRegion | TrailRequirement.Logging | TrailRequirement.S3DataRead;
}
