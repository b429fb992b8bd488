using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.S3;

/// <summary>CIS v5 2.1.2: versioning is Enabled and MFA Delete is on.</summary>
public sealed class S3BucketMfaDeleteEnabled : BucketCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "s3_bucket_mfa_delete_enabled",
        Title = "S3 bucket requires MFA to delete versions",
        Service = "s3",
        ResourceType = "AWS::S3::Bucket",
        Severity = Severity.Low,
        Rationale = "MFA Delete makes permanently deleting an object version, or turning versioning off, require the root user's MFA code. "
            + "Stolen access keys alone can then not wipe the history of the bucket.",
        Remediation = new Remediation(
            Steps: "MFA Delete can only be turned on by the root user with its MFA device, through the API or CLI. Enable versioning and MFA "
                + "Delete together on buckets that hold records you cannot lose (audit logs, backups). S3 Object Lock is an alternative "
                + "that does not need root.",
            Cli: "# run with the root user's credentials\n"
                + "aws s3api put-bucket-versioning --bucket <bucket> \\\n"
                + "  --versioning-configuration Status=Enabled,MFADelete=Enabled \\\n"
                + "  --mfa \"arn:aws:iam::<account-id>:mfa/root-account-mfa-device <code>\"",
            Terraform: "resource \"aws_s3_bucket_versioning\" \"this\" {\n"
                + "  bucket = aws_s3_bucket.this.id\n"
                + "  mfa    = \"<root-mfa-serial> <code>\"  # applied with root credentials\n"
                + "  versioning_configuration {\n"
                + "    status     = \"Enabled\"\n"
                + "    mfa_delete = \"Enabled\"\n"
                + "  }\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html",
        ],
        DataSources = [Sources.S3ListBuckets, Sources.S3BucketVersioning],
    };

    protected override CheckResult Judge(EvaluationContext context, S3Bucket bucket, string arn)
    {
        (string, string)[] evidence =
        [
            ("versioningStatus", bucket.VersioningStatus ?? "never enabled"),
            ("mfaDelete", bucket.MfaDeleteEnabled ? "Enabled" : "Disabled"),
        ];
        if (bucket.VersioningStatus != "Enabled")
        {
            return Fail(bucket.Region, bucket.Name, arn, "versioning is not enabled, so MFA Delete cannot apply", evidence);
        }

        return bucket.MfaDeleteEnabled
            ? Pass(bucket.Region, bucket.Name, arn, "versioning and MFA Delete are enabled", evidence)
            : Fail(bucket.Region, bucket.Name, arn, "MFA Delete is not enabled", evidence);
    }
}
