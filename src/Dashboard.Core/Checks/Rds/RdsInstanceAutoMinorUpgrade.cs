using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Rds;

/// <summary>CIS v5 2.2.2: every RDS DB instance applies minor engine versions automatically.</summary>
public sealed class RdsInstanceAutoMinorUpgrade : RdsInstanceCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "rds_instance_auto_minor_upgrade",
        Title = "RDS databases receive minor version upgrades automatically",
        Service = "rds",
        ResourceType = "AWS::RDS::DBInstance",
        Severity = Severity.Low,
        Rationale = "Minor engine versions carry security fixes. Applying them automatically in the maintenance window keeps databases "
            + "patched without relying on someone to remember.",
        Remediation = new Remediation(
            Steps: "Turn on auto minor version upgrade for the instance and pick a maintenance window that suits the workload.",
            Cli: "aws rds modify-db-instance --db-instance-identifier <db> \\\n"
                + "  --auto-minor-version-upgrade --preferred-maintenance-window sun:02:00-sun:03:00 --apply-immediately",
            Terraform: "resource \"aws_db_instance\" \"this\" {\n"
                + "  # ...\n"
                + "  auto_minor_version_upgrade = true\n"
                + "  maintenance_window         = \"sun:02:00-sun:03:00\"\n"
                + "}",
            CloudFormation: "Database:\n"
                + "  Type: AWS::RDS::DBInstance\n"
                + "  Properties:\n"
                + "    AutoMinorVersionUpgrade: true"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades",
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html",
        ],
        DataSources = [Sources.RdsInstances],
    };

    protected override CheckResult Judge(EvaluationContext context, RdsInstance instance)
    {
        (string, string)[] evidence = [("autoMinorVersionUpgrade", instance.AutoMinorVersionUpgrade ? "true" : "false"), EngineEvidence(instance)];
        return instance.AutoMinorVersionUpgrade
            ? Pass(instance.Region, instance.DbInstanceIdentifier, instance.Arn, "minor version upgrades are applied automatically", evidence)
            : Fail(instance.Region, instance.DbInstanceIdentifier, instance.Arn, "automatic minor version upgrades are off", evidence);
    }
}
