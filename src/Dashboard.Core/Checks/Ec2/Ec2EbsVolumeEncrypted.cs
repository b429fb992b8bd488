using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Ec2;

/// <summary>Checklist X3 (per volume): every EBS volume is encrypted at rest.</summary>
public sealed class Ec2EbsVolumeEncrypted : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "ec2_ebs_volume_encrypted",
        Title = "EBS volume is encrypted",
        Service = "ec2",
        ResourceType = "AWS::EC2::Volume",
        Severity = Severity.Medium,
        Rationale = "An unencrypted volume's snapshots can be shared, copied or made public without any key to control them. Encryption ties every "
            + "copy of the data to a KMS key whose use is logged and can be revoked.",
        Remediation = new Remediation(
            Steps: "EBS cannot encrypt a volume in place. Snapshot the volume, copy the snapshot with encryption on (optionally with a customer managed key), "
                + "create a volume from the copy and swap it in during a maintenance window. Turn on EBS encryption by default so new volumes are encrypted.",
            Cli: "aws ec2 create-snapshot --volume-id <volume-id> --description \"before encryption\"\n"
                + "aws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snap-id> --encrypted --kms-key-id <key-arn>\n"
                + "aws ec2 create-volume --snapshot-id <encrypted-snap-id> --availability-zone <az> --encrypted",
            Terraform: "resource \"aws_ebs_volume\" \"data\" {\n"
                + "  availability_zone = \"eu-west-1a\"\n"
                + "  size              = 100\n"
                + "  encrypted         = true\n"
                + "  kms_key_id        = aws_kms_key.ebs.arn\n"
                + "}",
            CloudFormation: "DataVolume:\n"
                + "  Type: AWS::EC2::Volume\n"
                + "  Properties:\n"
                + "    AvailabilityZone: eu-west-1a\n"
                + "    Size: 100\n"
                + "    Encrypted: true"),
        References =
        [
            "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
            "https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html",
        ],
        DataSources = [Sources.Ec2Volumes],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var errors = context.FirstErrorPerRegion(Sources.Ec2Volumes);
        foreach (var error in errors)
        {
            yield return Error(error.Region, "volumes", null, error);
        }

        var volumes = inventory.Ec2.Volumes.Where(v => !string.Equals(v.State, "deleted", StringComparison.OrdinalIgnoreCase)).ToList();
        if (volumes.Count == 0 && errors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no EBS volumes");
        }

        foreach (var volume in volumes)
        {
            var arn = $"arn:{inventory.Partition}:ec2:{volume.Region}:{inventory.AccountId}:volume/{volume.VolumeId}";
            var state = ("state", volume.State);
            yield return volume.Encrypted
                ? Pass(volume.Region, volume.VolumeId, arn, "volume is encrypted", state)
                : Fail(volume.Region, volume.VolumeId, arn, "volume is not encrypted", state);
        }
    }
}
