using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.CloudTrail;

/// <summary>
/// CIS v5 3.4: the S3 bucket that receives a trail's logs has server access logging on. One result per bucket, listing the
/// trails that write to it. A bucket outside this account (not in its bucket list) cannot be inspected from here: Manual.
/// </summary>
public sealed class CloudTrailBucketAccessLogging : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "cloudtrail_bucket_access_logging",
        Title = "The CloudTrail log bucket has server access logging enabled",
        Service = "cloudtrail",
        ResourceType = "AWS::S3::Bucket",
        Severity = Severity.Low,
        Rationale = "Access logs on the audit-log bucket show who read, copied or tried to delete the audit record itself, "
            + "which matters when someone covers their tracks or when you must show the logs were not tampered with.",
        Remediation = new Remediation(
            Steps: "Turn on server access logging for the trail's bucket and deliver the access logs to a separate bucket (not the bucket itself) "
                + "that the same people cannot delete from. Grant the S3 logging service write access to the target bucket with a bucket policy.",
            Cli: "aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status \\\n"
                + "  '{\"LoggingEnabled\": {\"TargetBucket\": \"<access-log-bucket>\", \"TargetPrefix\": \"cloudtrail-bucket/\"}}'",
            Terraform: "resource \"aws_s3_bucket_logging\" \"trail\" {\n"
                + "  bucket        = aws_s3_bucket.trail.id\n"
                + "  target_bucket = aws_s3_bucket.access_logs.id\n"
                + "  target_prefix = \"cloudtrail-bucket/\"\n"
                + "}",
            CloudFormation: "TrailBucket:\n"
                + "  Type: AWS::S3::Bucket\n"
                + "  Properties:\n"
                + "    LoggingConfiguration:\n"
                + "      DestinationBucketName: !Ref AccessLogBucket\n"
                + "      LogFilePrefix: cloudtrail-bucket/"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html",
        ],
        DataSources = [Sources.CloudTrailDescribeTrails, Sources.S3ListBuckets, Sources.S3BucketLogging],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var errors = context.FirstErrorPerRegion(Sources.CloudTrailDescribeTrails);
        foreach (var error in errors)
        {
            yield return Error(error.Region, "trails", null, error);
        }

        var byBucket = inventory.CloudTrail.Trails
            .Where(t => !string.IsNullOrEmpty(t.S3BucketName))
            .GroupBy(t => t.S3BucketName!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (byBucket.Count == 0 && errors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "no CloudTrail trail delivers to an S3 bucket");
        }

        var listError = context.FirstError(Sources.S3ListBuckets);
        foreach (var group in byBucket)
        {
            var name = group.Key;
            var arn = $"arn:{inventory.Partition}:s3:::{name}";
            var trails = ("trails", string.Join(", ", group.Select(t => t.Arn)));
            var bucket = inventory.S3.Buckets.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.Ordinal));
            if (bucket is null)
            {
                var region = group.First().HomeRegion;
                yield return listError is not null
                    ? Error(region, name, arn, listError)
                    : Manual(region, name, arn, "the trail bucket is not in this account's bucket list (probably a central log-archive account); "
                        + "check its server access logging in the account that owns it", trails);
                continue;
            }

            if (context.ErrorAbout(Sources.S3BucketLogging, name) is { } loggingError)
            {
                yield return Error(bucket.Region, name, arn, loggingError);
            }
            else if (bucket.LoggingTargetBucket is { Length: > 0 } target)
            {
                yield return Pass(bucket.Region, name, arn, $"server access logs go to bucket {target}", trails, ("loggingTargetBucket", target));
            }
            else
            {
                yield return Fail(bucket.Region, name, arn, "server access logging is off for the bucket that stores CloudTrail logs", trails);
            }
        }
    }
}
