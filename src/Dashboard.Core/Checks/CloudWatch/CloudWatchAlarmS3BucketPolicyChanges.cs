namespace Dashboard.Core.Checks.CloudWatch;

/// <summary>CIS v5 4.8: the monitoring chain of <see cref="CloudWatchAlarmCheck"/> exists for this control's filter terms.</summary>
public sealed class CloudWatchAlarmS3BucketPolicyChanges : CloudWatchAlarmCheck
{
    public static readonly FilterRequirement Requirement = FilterRequirement.EventNames(
        "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication",
        "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication").FromSource("s3.amazonaws.com");

    public override CheckMetadata Metadata { get; } = Describe(
        "cloudwatch_alarm_s3_bucket_policy_changes",
        "An alarm fires on S3 bucket policy, ACL and related changes",
        Severity.Medium,
        "One changed bucket policy or ACL can make private data public or hand it to another account. Alerting on these changes shortens the time such exposure goes unnoticed.",
        "S3BucketPolicyChanges",
        Requirement);

    private protected override IReadOnlyList<FilterRequirement> Accepted { get; } = [Requirement];
}
