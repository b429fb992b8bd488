using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Rds;

/// <summary>CIS v5 2.2.4: every RDS DB instance is Multi-AZ; a cluster member takes its cluster's setting.</summary>
public sealed class RdsInstanceMultiAz : RdsInstanceCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "rds_instance_multi_az",
        Title = "RDS databases run in more than one Availability Zone",
        Service = "rds",
        ResourceType = "AWS::RDS::DBInstance",
        Severity = Severity.Medium,
        Rationale = "A Multi-AZ deployment keeps a standby in a second Availability Zone and fails over on its own, so a zone outage or a "
            + "host failure does not take the database down. Single-AZ may be a deliberate choice for test databases; mark those as accepted.",
        Remediation = new Remediation(
            Steps: "Modify the instance to Multi-AZ (expect a brief performance impact while the standby is created), or for Aurora add a "
                + "reader in another Availability Zone.",
            Cli: "aws rds modify-db-instance --db-instance-identifier <db> --multi-az --apply-immediately\n"
                + "# Aurora: add a replica in a second AZ\n"
                + "aws rds create-db-instance --db-instance-identifier <db>-reader --db-cluster-identifier <cluster> \\\n"
                + "  --engine aurora-postgresql --db-instance-class db.r6g.large --availability-zone <other-az>",
            Terraform: "resource \"aws_db_instance\" \"this\" {\n"
                + "  # ...\n"
                + "  multi_az = true\n"
                + "}",
            CloudFormation: "Database:\n"
                + "  Type: AWS::RDS::DBInstance\n"
                + "  Properties:\n"
                + "    MultiAZ: true"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html",
            "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
        ],
        DataSources = [Sources.RdsInstances, Sources.RdsClusters],
    };

    protected override CheckResult Judge(EvaluationContext context, RdsInstance instance)
    {
        if (instance.DbClusterIdentifier is { } clusterId)
        {
            var cluster = context.Inventory.Rds.Clusters.FirstOrDefault(c => c.Region == instance.Region && c.DbClusterIdentifier == clusterId);
            if (cluster is null)
            {
                return context.FirstErrorPerRegion(Sources.RdsClusters).FirstOrDefault(e => e.Region == instance.Region) is { } error
                    ? Error(instance.Region, instance.DbInstanceIdentifier, instance.Arn, error)
                    : Result(ResultStatus.Error, instance.Region, instance.DbInstanceIdentifier, instance.Arn,
                        $"instance belongs to cluster {clusterId}, which was not collected", [("dbClusterIdentifier", clusterId)]);
            }

            (string, string)[] clusterEvidence = [("dbClusterIdentifier", clusterId), ("clusterMultiAz", cluster.MultiAz ? "true" : "false"), EngineEvidence(instance)];
            return cluster.MultiAz
                ? Pass(instance.Region, instance.DbInstanceIdentifier, instance.Arn, $"cluster {clusterId} spans several Availability Zones", clusterEvidence)
                : Fail(instance.Region, instance.DbInstanceIdentifier, instance.Arn, $"cluster {clusterId} runs in a single Availability Zone", clusterEvidence);
        }

        (string, string)[] evidence = [("multiAz", instance.MultiAz ? "true" : "false"), EngineEvidence(instance)];
        return instance.MultiAz
            ? Pass(instance.Region, instance.DbInstanceIdentifier, instance.Arn, "instance is Multi-AZ", evidence)
            : Fail(instance.Region, instance.DbInstanceIdentifier, instance.Arn, "instance runs in a single Availability Zone", evidence);
    }
}
