using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Vpc;

/// <summary>CIS v5 3.7: every VPC has an active flow log (REJECT-only is accepted, ALL is better and is shown in evidence).</summary>
public sealed class VpcFlowLogsEnabled : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "vpc_flow_logs_enabled",
        Title = "VPC has an active flow log",
        Service = "vpc",
        ResourceType = "AWS::EC2::VPC",
        Severity = Severity.Medium,
        Rationale = "Flow logs are the network record of who talked to whom. Without them you cannot tell whether a compromised instance "
            + "reached other hosts or sent data out, and GuardDuty-style detection has less to work with.",
        Remediation = new Remediation(
            Steps: "Create a flow log for each VPC that captures at least rejected traffic (all traffic is better), delivered to CloudWatch Logs or S3 "
                + "with a retention period that suits your investigations.",
            Cli: "aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL \\\n"
                + "  --log-destination-type s3 --log-destination arn:aws:s3:::<flow-log-bucket>/vpc/",
            Terraform: "resource \"aws_flow_log\" \"vpc\" {\n"
                + "  vpc_id               = aws_vpc.this.id\n"
                + "  traffic_type         = \"ALL\"\n"
                + "  log_destination_type = \"s3\"\n"
                + "  log_destination      = aws_s3_bucket.flow_logs.arn\n"
                + "}",
            CloudFormation: "FlowLog:\n"
                + "  Type: AWS::EC2::FlowLog\n"
                + "  Properties:\n"
                + "    ResourceType: VPC\n"
                + "    ResourceId: !Ref Vpc\n"
                + "    TrafficType: ALL\n"
                + "    LogDestinationType: s3\n"
                + "    LogDestination: !GetAtt FlowLogBucket.Arn"),
        References =
        [
            "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
            "https://docs.aws.amazon.com/vpc/latest/userguide/working-with-flow-logs.html",
        ],
        DataSources = [Sources.Ec2Vpcs, Sources.Ec2FlowLogs],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var vpcErrors = context.FirstErrorPerRegion(Sources.Ec2Vpcs);
        foreach (var error in vpcErrors)
        {
            yield return Error(error.Region, "vpcs", null, error);
        }

        var vpcs = inventory.Ec2.Vpcs;
        if (vpcs.Count == 0 && vpcErrors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no VPCs");
        }

        foreach (var vpc in vpcs)
        {
            var arn = vpc.Arn(inventory.Partition, inventory.AccountId);
            var flowLogs = inventory.Ec2.FlowLogs.Where(f => string.Equals(f.ResourceId, vpc.VpcId, StringComparison.Ordinal)).ToList();
            var active = flowLogs.Where(f => string.Equals(f.FlowLogStatus, "ACTIVE", StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(f => string.Equals(f.TrafficType, "ALL", StringComparison.OrdinalIgnoreCase))
                .FirstOrDefault();
            if (active is not null)
            {
                yield return Pass(vpc.Region, vpc.VpcId, arn, $"flow log {active.FlowLogId} captures {active.TrafficType} traffic",
                    ("flowLog", active.FlowLogId), ("trafficType", active.TrafficType));
            }
            else if (ErrorFor(context, vpc.Region, vpc.VpcId) is { } error && Sources.Ec2FlowLogs.Produced(error))
            {
                yield return Error(vpc.Region, vpc.VpcId, arn, error);
            }
            else
            {
                yield return Fail(vpc.Region, vpc.VpcId, arn, flowLogs.Count == 0 ? "the VPC has no flow log" : "the VPC's flow logs are not active",
                    ("isDefault", vpc.IsDefault ? "true" : "false"),
                    ("flowLogs", flowLogs.Count == 0 ? "none" : string.Join(", ", flowLogs.Select(f => $"{f.FlowLogId} ({f.FlowLogStatus})"))));
            }
        }
    }
}
