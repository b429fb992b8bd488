using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Rds;

/// <summary>CIS v5 2.2.1 / checklist X3: every RDS DB instance has encrypted storage.</summary>
public sealed class RdsInstanceStorageEncrypted : RdsInstanceCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "rds_instance_storage_encrypted",
        Title = "RDS databases are encrypted at rest",
        Service = "rds",
        ResourceType = "AWS::RDS::DBInstance",
        Severity = Severity.High,
        Rationale = "Encrypted storage covers the database files, automated backups, snapshots and read replicas, and puts access to the "
            + "data under a KMS key policy. An unencrypted database can only be fixed by copying it to a new, encrypted one.",
        Remediation = new Remediation(
            Steps: "Take a snapshot, copy it with encryption and a KMS key, restore a new instance from the encrypted copy, switch the "
                + "application over in a maintenance window, then delete the old instance. Set storage_encrypted for all new databases.",
            Cli: "aws rds create-db-snapshot --db-instance-identifier <db> --db-snapshot-identifier <db>-plain\n"
                + "aws rds copy-db-snapshot --source-db-snapshot-identifier <db>-plain \\\n"
                + "  --target-db-snapshot-identifier <db>-encrypted --kms-key-id <key-arn>\n"
                + "aws rds restore-db-instance-from-db-snapshot --db-instance-identifier <db>-new \\\n"
                + "  --db-snapshot-identifier <db>-encrypted",
            Terraform: "resource \"aws_db_instance\" \"this\" {\n"
                + "  # ...\n"
                + "  storage_encrypted = true\n"
                + "  kms_key_id        = aws_kms_key.rds.arn\n"
                + "}",
            CloudFormation: "Database:\n"
                + "  Type: AWS::RDS::DBInstance\n"
                + "  Properties:\n"
                + "    StorageEncrypted: true\n"
                + "    KmsKeyId: !Ref RdsKey"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html",
        ],
        DataSources = [Sources.RdsInstances],
    };

    protected override CheckResult Judge(EvaluationContext context, RdsInstance instance)
    {
        (string, string)[] evidence = [("storageEncrypted", instance.StorageEncrypted ? "true" : "false"), ("kmsKeyId", instance.KmsKeyId ?? "none"), EngineEvidence(instance)];
        return instance.StorageEncrypted
            ? Pass(instance.Region, instance.DbInstanceIdentifier, instance.Arn, "storage is encrypted", evidence)
            : Fail(instance.Region, instance.DbInstanceIdentifier, instance.Arn, "storage is not encrypted", evidence);
    }
}
