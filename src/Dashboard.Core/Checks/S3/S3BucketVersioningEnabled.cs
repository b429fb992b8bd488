using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.S3;

/// <summary>Checklist X1: every bucket has versioning Enabled; Suspended or never enabled fails.</summary>
public sealed class S3BucketVersioningEnabled : BucketCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "s3_bucket_versioning_enabled",
        Title = "S3 bucket keeps object versions",
        Service = "s3",
        ResourceType = "AWS::S3::Bucket",
        Severity = Severity.Medium,
        Rationale = "With versioning, an overwritten or deleted object can be restored, whether the cause is a buggy deploy, a person, "
            + "or ransomware with stolen keys. Without it the previous data is gone.",
        Remediation = new Remediation(
            Steps: "Turn on versioning in the bucket's Properties tab, and add a lifecycle rule that expires noncurrent versions after a "
                + "sensible time so storage costs stay bounded.",
            Cli: "aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled",
            Terraform: "resource \"aws_s3_bucket_versioning\" \"this\" {\n"
                + "  bucket = aws_s3_bucket.this.id\n"
                + "  versioning_configuration {\n"
                + "    status = \"Enabled\"\n"
                + "  }\n"
                + "}",
            CloudFormation: "Bucket:\n"
                + "  Type: AWS::S3::Bucket\n"
                + "  Properties:\n"
                + "    VersioningConfiguration:\n"
                + "      Status: Enabled"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/manage-versioning-examples.html",
        ],
        DataSources = [Sources.S3ListBuckets, Sources.S3BucketVersioning],
    };

    protected override CheckResult Judge(EvaluationContext context, S3Bucket bucket, string arn)
    {
        var evidence = ("versioningStatus", bucket.VersioningStatus ?? "never enabled");
        return bucket.VersioningStatus switch
        {
            "Enabled" => Pass(bucket.Region, bucket.Name, arn, "versioning is enabled", evidence),
            "Suspended" => Fail(bucket.Region, bucket.Name, arn, "versioning is suspended", evidence),
            _ => Fail(bucket.Region, bucket.Name, arn, "versioning was never enabled", evidence),
        };
    }
}
