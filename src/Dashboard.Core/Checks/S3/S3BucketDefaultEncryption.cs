using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.S3;

/// <summary>Checklist X3 (S3 part): the bucket has a default server-side encryption rule.</summary>
public sealed class S3BucketDefaultEncryption : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "s3_bucket_default_encryption",
        Title = "S3 bucket encrypts new objects by default",
        Service = "s3",
        ResourceType = "AWS::S3::Bucket",
        Severity = Severity.Medium,
        Rationale = "A default encryption rule makes every new object encrypted at rest without relying on each uploader. "
            + "With SSE-KMS the key policy adds a second gate and every decryption is logged.",
        Remediation = new Remediation(
            Steps: "Open the bucket's Properties tab, edit Default encryption and choose SSE-KMS with a customer managed key "
                + "(or at least SSE-S3). Enable the S3 Bucket Key to keep KMS request costs down. Existing objects keep their encryption "
                + "until they are copied over themselves or rewritten.",
            Cli: "aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration '{\n"
                + "  \"Rules\": [{\n"
                + "    \"ApplyServerSideEncryptionByDefault\": {\"SSEAlgorithm\": \"aws:kms\", \"KMSMasterKeyID\": \"<kms-key-arn>\"},\n"
                + "    \"BucketKeyEnabled\": true\n"
                + "  }]\n"
                + "}'",
            Terraform: "resource \"aws_s3_bucket_server_side_encryption_configuration\" \"this\" {\n"
                + "  bucket = aws_s3_bucket.this.id\n"
                + "  rule {\n"
                + "    apply_server_side_encryption_by_default {\n"
                + "      sse_algorithm     = \"aws:kms\"\n"
                + "      kms_master_key_id = aws_kms_key.s3.arn\n"
                + "    }\n"
                + "    bucket_key_enabled = true\n"
                + "  }\n"
                + "}",
            CloudFormation: "Bucket:\n"
                + "  Type: AWS::S3::Bucket\n"
                + "  Properties:\n"
                + "    BucketEncryption:\n"
                + "      ServerSideEncryptionConfiguration:\n"
                + "        - ServerSideEncryptionByDefault:\n"
                + "            SSEAlgorithm: aws:kms\n"
                + "            KMSMasterKeyID: !GetAtt S3Key.Arn\n"
                + "          BucketKeyEnabled: true"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
        ],
        DataSources = [Sources.S3ListBuckets, Sources.S3BucketEncryption],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var listError = context.FirstError(Sources.S3ListBuckets);
        if (listError is not null)
        {
            yield return Error(Regions.Global, "buckets", null, listError);
        }
        else if (inventory.S3.Buckets.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no S3 buckets");
            yield break;
        }

        foreach (var bucket in inventory.S3.Buckets)
        {
            var arn = bucket.Arn(inventory.Partition);
            if (context.ErrorAbout(Sources.S3BucketEncryption, bucket.Name) is { } error)
            {
                yield return Error(bucket.Region, bucket.Name, arn, error);
            }
            else if (bucket.Encryption is not { } encryption)
            {
                yield return Fail(bucket.Region, bucket.Name, arn, "bucket has no default encryption rule");
            }
            else
            {
                var key = encryption.KmsMasterKeyId
                    ?? (encryption.SseAlgorithm.StartsWith("aws:kms", StringComparison.OrdinalIgnoreCase) ? "AWS managed key (aws/s3)" : "S3 managed keys");
                yield return Pass(bucket.Region, bucket.Name, arn, $"new objects are encrypted with {encryption.SseAlgorithm} ({key})",
                    ("sseAlgorithm", encryption.SseAlgorithm),
                    ("kmsKey", key),
                    ("bucketKeyEnabled", encryption.BucketKeyEnabled ? "true" : "false"));
            }
        }
    }
}
