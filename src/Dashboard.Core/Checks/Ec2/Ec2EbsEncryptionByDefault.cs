using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Core.Checks.Ec2;

/// <summary>CIS v5 5.1.1 / checklist X3: new EBS volumes and snapshot copies are encrypted by default in every Region.</summary>
public sealed class Ec2EbsEncryptionByDefault : RegionalSettingCheck<bool>
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "ec2_ebs_encryption_by_default",
        Title = "EBS encryption by default is on in every Region",
        Service = "ec2",
        ResourceType = "AWS::::Account",
        Severity = Severity.Medium,
        Rationale = "With the Region default on, every new volume and snapshot copy is encrypted no matter which tool or person creates it, "
            + "so a forgotten flag in a launch template cannot leave data unencrypted at rest.",
        Remediation = new Remediation(
            Steps: "In each Region open EC2 > Settings > Data protection and security, and turn on Always encrypt new EBS volumes. "
                + "Optionally choose a customer managed KMS key as the default. Existing volumes are not changed: copy their snapshots with encryption to replace them.",
            Cli: "aws ec2 enable-ebs-encryption-by-default --region <region>\n"
                + "# optional customer managed key:\n"
                + "aws ec2 modify-ebs-default-kms-key-id --kms-key-id <key-arn> --region <region>",
            Terraform: "resource \"aws_ebs_encryption_by_default\" \"this\" {\n"
                + "  enabled = true\n"
                + "}\n"
                + "# one per Region (provider alias per Region)"),
        References =
        [
            "https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html",
            "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
        ],
        DataSources = [Sources.Ec2EbsEncryptionByDefault],
    };

    private protected override string Subject => "the EBS encryption-by-default setting";

    private protected override bool TryGet(EvaluationContext context, string region, [MaybeNullWhen(false)] out bool value) =>
        TryGetFrom(context.Inventory.Ec2.EbsEncryptionByDefault, region, out value);

    private protected override CheckResult EvaluateRegion(EvaluationContext context, string region, bool value) => value
        ? Pass(region, context.Inventory.AccountId, null, "new EBS volumes are encrypted by default", ("ebsEncryptionByDefault", "true"))
        : Fail(region, context.Inventory.AccountId, null, "new EBS volumes are not encrypted unless each request asks for it", ("ebsEncryptionByDefault", "false"));
}
