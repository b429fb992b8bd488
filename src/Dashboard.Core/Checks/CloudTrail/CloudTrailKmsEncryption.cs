using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.CloudTrail;

/// <summary>CIS v5 3.5: every trail encrypts its log files with a KMS key (SSE-KMS) rather than only the bucket's default encryption.</summary>
public sealed class CloudTrailKmsEncryption : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "cloudtrail_kms_encryption",
        Title = "CloudTrail trail encrypts its log files with a KMS key",
        Service = "cloudtrail",
        ResourceType = "AWS::CloudTrail::Trail",
        Severity = Severity.Medium,
        Rationale = "With SSE-KMS, reading the logs needs both S3 access and kms:Decrypt on the trail's key. That second, separately "
            + "audited permission keeps audit logs away from people who merely can read the bucket.",
        Remediation = new Remediation(
            Steps: "Create a customer managed KMS key whose policy lets CloudTrail encrypt (scoped with aws:SourceArn) and only your log readers decrypt, "
                + "then set it as the trail's KMS key. Organization trails are changed from the management account.",
            Cli: "aws cloudtrail update-trail --name <trail-name-or-arn> --kms-key-id <key-arn-or-alias>",
            Terraform: "resource \"aws_cloudtrail\" \"audit\" {\n"
                + "  # ...\n"
                + "  kms_key_id = aws_kms_key.cloudtrail.arn\n"
                + "}",
            CloudFormation: "Trail:\n"
                + "  Type: AWS::CloudTrail::Trail\n"
                + "  Properties:\n"
                + "    KMSKeyId: !GetAtt TrailKey.Arn"),
        References =
        [
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html",
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html",
        ],
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
            yield return string.IsNullOrEmpty(trail.KmsKeyId)
                ? Fail(trail.HomeRegion, trail.Arn, trail.Arn, "log files are not encrypted with a KMS key (only the bucket's own encryption applies)")
                : Pass(trail.HomeRegion, trail.Arn, trail.Arn, "log files are encrypted with a KMS key", ("kmsKeyId", trail.KmsKeyId));
        }
    }
}
