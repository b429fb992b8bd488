using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Efs;

/// <summary>CIS v5 2.3.1 / checklist X3: every EFS file system is encrypted at rest. One result per file system.</summary>
public sealed class EfsFileSystemEncrypted : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "efs_file_system_encrypted",
        Title = "EFS file systems are encrypted at rest",
        Service = "efs",
        ResourceType = "AWS::EFS::FileSystem",
        Severity = Severity.Medium,
        Rationale = "Encryption at rest protects file data and metadata on AWS storage and puts access to it under KMS key policies and "
            + "CloudTrail. It can only be chosen when the file system is created.",
        Remediation = new Remediation(
            Steps: "Create a new encrypted file system (preferably with a customer managed KMS key), copy the data across with AWS DataSync "
                + "or AWS Backup restore, switch the mount targets of your clients, then delete the unencrypted file system. Enforce "
                + "encryption for new file systems with the elasticfilesystem:Encrypted condition key in an SCP.",
            Cli: "aws efs create-file-system --encrypted --kms-key-id <key-arn> \\\n"
                + "  --performance-mode generalPurpose --tags Key=Name,Value=<name>\n"
                + "aws datasync create-task --source-location-arn <old-efs-location> --destination-location-arn <new-efs-location>",
            Terraform: "resource \"aws_efs_file_system\" \"this\" {\n"
                + "  encrypted  = true\n"
                + "  kms_key_id = aws_kms_key.efs.arn\n"
                + "}",
            CloudFormation: "FileSystem:\n"
                + "  Type: AWS::EFS::FileSystem\n"
                + "  Properties:\n"
                + "    Encrypted: true\n"
                + "    KmsKeyId: !Ref EfsKey"),
        References =
        [
            "https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html",
            "https://docs.aws.amazon.com/efs/latest/ug/encryption.html",
        ],
        DataSources = [Sources.EfsFileSystems],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var errors = context.FirstErrorPerRegion(Sources.EfsFileSystems);
        foreach (var error in errors)
        {
            yield return Error(error.Region, "file-systems", null, error);
        }

        if (inventory.Efs.FileSystems.Count == 0 && errors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no EFS file systems");
        }

        foreach (var fs in inventory.Efs.FileSystems)
        {
            (string, string)[] evidence = [("encrypted", fs.Encrypted ? "true" : "false"), ("kmsKeyId", fs.KmsKeyId ?? "none"), ("name", fs.Name ?? "")];
            yield return fs.Encrypted
                ? Pass(fs.Region, fs.FileSystemId, fs.Arn, "file system is encrypted at rest", evidence)
                : Fail(fs.Region, fs.FileSystemId, fs.Arn, "file system is not encrypted at rest", evidence);
        }
    }
}
