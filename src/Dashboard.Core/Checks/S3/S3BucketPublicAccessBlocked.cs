using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.S3;

/// <summary>
/// CIS v5 2.1.4 (bucket part): each of the four Block Public Access settings is on for the bucket itself or for the account.
/// A setting that is on at either level is enforced, so one known side with all four on is enough even if the other side failed to load.
/// </summary>
public sealed class S3BucketPublicAccessBlocked : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "s3_bucket_public_access_blocked",
        Title = "S3 bucket blocks public access",
        Service = "s3",
        ResourceType = "AWS::S3::Bucket",
        Severity = Severity.High,
        Rationale = "Without Block Public Access, one permissive ACL or bucket policy is enough to expose the bucket's objects to the internet.",
        Remediation = new Remediation(
            Steps: "Confirm the bucket does not need to be public, then open the bucket's Permissions tab, edit Block public access, "
                + "turn on all four settings and save. Better still, turn them on for the whole account.",
            Cli: "aws s3api put-public-access-block --bucket <bucket> \\\n"
                + "  --public-access-block-configuration \\\n"
                + "  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
            Terraform: "resource \"aws_s3_bucket_public_access_block\" \"this\" {\n"
                + "  bucket                  = aws_s3_bucket.this.id\n"
                + "  block_public_acls       = true\n"
                + "  ignore_public_acls      = true\n"
                + "  block_public_policy     = true\n"
                + "  restrict_public_buckets = true\n"
                + "}",
            CloudFormation: "Bucket:\n"
                + "  Type: AWS::S3::Bucket\n"
                + "  Properties:\n"
                + "    PublicAccessBlockConfiguration:\n"
                + "      BlockPublicAcls: true\n"
                + "      IgnorePublicAcls: true\n"
                + "      BlockPublicPolicy: true\n"
                + "      RestrictPublicBuckets: true"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html",
        ],
        DataSources = [Sources.S3ListBuckets, Sources.S3BucketPublicAccessBlock, Sources.S3AccountPublicAccessBlock],
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

        // null = unknown because the call failed; a missing configuration with no error means all four settings are off.
        var accountError = context.FirstError(Sources.S3AccountPublicAccessBlock);
        var account = accountError is null ? inventory.S3.AccountPublicAccessBlock ?? PublicAccessBlock.AllOff : null;
        var accountEvidence = accountError is null ? PublicAccessBlockSettings.Describe(inventory.S3.AccountPublicAccessBlock) : "unknown";

        foreach (var bucket in inventory.S3.Buckets)
        {
            var arn = bucket.Arn(inventory.Partition);
            var bucketError = context.ErrorAbout(Sources.S3BucketPublicAccessBlock, bucket.Name);
            var own = bucketError is null ? bucket.PublicAccessBlock ?? PublicAccessBlock.AllOff : null;
            (string, string)[] evidence =
            [
                ("bucketPublicAccessBlock", bucketError is null ? PublicAccessBlockSettings.Describe(bucket.PublicAccessBlock) : "unknown"),
                ("accountPublicAccessBlock", accountEvidence),
            ];

            if (account is { AllEnabled: true })
            {
                yield return Pass(bucket.Region, bucket.Name, arn, "account-level Block Public Access has all four settings on", evidence);
            }
            else if (own is { AllEnabled: true })
            {
                yield return Pass(bucket.Region, bucket.Name, arn, "bucket's Block Public Access has all four settings on", evidence);
            }
            else if (own is null || account is null)
            {
                yield return Error(bucket.Region, bucket.Name, arn, (bucketError ?? accountError)!);
            }
            else
            {
                var missing = PublicAccessBlockSettings.Disabled(PublicAccessBlockSettings.Combine(own, account));
                yield return missing.Count == 0
                    ? Pass(bucket.Region, bucket.Name, arn, "every Block Public Access setting is on at the bucket or account level", evidence)
                    : Fail(bucket.Region, bucket.Name, arn,
                        $"not blocked at bucket or account level: {string.Join(", ", missing)}", evidence);
            }
        }
    }
}
