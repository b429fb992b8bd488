using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Vpc;

/// <summary>
/// Checklist X7 / CIS v7 6.8: every VPC reaches S3 (and, unless <see cref="CheckSettings.RequireDynamoDbEndpoint"/> is off,
/// DynamoDB) through an available VPC endpoint. A gateway endpoint must be on every private route table of the VPC, i.e. each
/// table without a default route to an internet gateway. An endpoint with the default full-access policy is noted in evidence.
/// </summary>
public sealed class VpcEndpointsS3DynamoDb : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "vpc_endpoints_s3_dynamodb",
        Title = "VPC reaches S3 and DynamoDB through VPC endpoints",
        Service = "vpc",
        ResourceType = "AWS::EC2::VPC",
        Severity = Severity.Low,
        Rationale = "Endpoints keep traffic to S3 and DynamoDB on the AWS network instead of a NAT gateway or the internet, and their policies "
            + "plus aws:SourceVpce conditions let you limit which buckets and tables can be reached from the VPC, a useful brake on data exfiltration.",
        Remediation = new Remediation(
            Steps: "Create gateway endpoints for S3 and DynamoDB in each VPC and associate them with every private route table. "
                + "Replace the default full-access endpoint policy with one that names your own buckets and tables.",
            Cli: "aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Gateway \\\n"
                + "  --service-name com.amazonaws.<region>.s3 --route-table-ids <rtb-1> <rtb-2>\n"
                + "aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Gateway \\\n"
                + "  --service-name com.amazonaws.<region>.dynamodb --route-table-ids <rtb-1> <rtb-2>",
            Terraform: "resource \"aws_vpc_endpoint\" \"s3\" {\n"
                + "  vpc_id            = aws_vpc.this.id\n"
                + "  service_name      = \"com.amazonaws.${var.region}.s3\"\n"
                + "  vpc_endpoint_type = \"Gateway\"\n"
                + "  route_table_ids   = aws_route_table.private[*].id\n"
                + "}\n"
                + "resource \"aws_vpc_endpoint\" \"dynamodb\" {\n"
                + "  vpc_id            = aws_vpc.this.id\n"
                + "  service_name      = \"com.amazonaws.${var.region}.dynamodb\"\n"
                + "  vpc_endpoint_type = \"Gateway\"\n"
                + "  route_table_ids   = aws_route_table.private[*].id\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-ddb.html",
        ],
        DataSources = [Sources.Ec2Vpcs, Sources.Ec2VpcEndpoints, Sources.Ec2RouteTables],
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

        var services = context.Settings.RequireDynamoDbEndpoint ? new[] { "s3", "dynamodb" } : ["s3"];
        foreach (var vpc in vpcs)
        {
            var arn = vpc.Arn(inventory.Partition, inventory.AccountId);
            if (inventory.Errors.FirstOrDefault(e => e.Region == vpc.Region && (e.ResourceId is null || e.ResourceId == vpc.VpcId)
                && (Sources.Ec2VpcEndpoints.Produced(e) || Sources.Ec2RouteTables.Produced(e))) is { } error)
            {
                yield return Error(vpc.Region, vpc.VpcId, arn, error);
                continue;
            }

            var endpoints = inventory.Ec2.VpcEndpoints
                .Where(e => string.Equals(e.VpcId, vpc.VpcId, StringComparison.Ordinal) && string.Equals(e.State, "available", StringComparison.OrdinalIgnoreCase))
                .ToList();
            var privateTables = inventory.Ec2.RouteTables
                .Where(t => string.Equals(t.VpcId, vpc.VpcId, StringComparison.Ordinal) && !IsPublic(t))
                .Select(t => t.RouteTableId)
                .ToList();

            var problems = new List<string>();
            var evidence = new List<(string, string)>();
            foreach (var service in services)
            {
                var serviceName = $"com.amazonaws.{vpc.Region}.{service}";
                var forService = endpoints.Where(e => e.ServiceName.EndsWith(serviceName, StringComparison.Ordinal)).ToList();
                if (forService.Count == 0)
                {
                    problems.Add($"no available {service} endpoint");
                    continue;
                }

                evidence.Add(($"{service}Endpoints", string.Join(", ", forService.Select(e => $"{e.VpcEndpointId} ({e.VpcEndpointType})"))));
                if (forService.Any(e => IsFullAccess(e.PolicyDocument)))
                {
                    evidence.Add(($"{service}EndpointPolicy", "default full access; consider naming your own resources"));
                }

                // Interface endpoints serve the whole VPC through DNS; gateway endpoints only the route tables they are on.
                if (forService.Any(e => !IsGateway(e)))
                {
                    continue;
                }

                var covered = forService.SelectMany(e => e.RouteTableIds).ToHashSet(StringComparer.Ordinal);
                var uncovered = privateTables.Where(t => !covered.Contains(t)).ToList();
                if (uncovered.Count > 0)
                {
                    problems.Add($"the {service} gateway endpoint is not on private route table{(uncovered.Count == 1 ? "" : "s")} {string.Join(", ", uncovered)}");
                }
            }

            yield return problems.Count == 0
                ? Pass(vpc.Region, vpc.VpcId, arn, $"the VPC reaches {string.Join(" and ", services.Select(s => s == "s3" ? "S3" : "DynamoDB"))} through endpoints", [.. evidence])
                : Fail(vpc.Region, vpc.VpcId, arn, string.Join("; ", problems), [.. evidence, ("isDefault", vpc.IsDefault ? "true" : "false")]);
        }
    }

    private static bool IsGateway(VpcEndpoint endpoint) => string.Equals(endpoint.VpcEndpointType, "Gateway", StringComparison.OrdinalIgnoreCase);

    /// <summary>A route table with a default route to an internet gateway serves public subnets.</summary>
    private static bool IsPublic(RouteTable table) =>
        table.Routes.Any(r => r.GatewayId?.StartsWith("igw-", StringComparison.Ordinal) == true
            && (r.DestinationCidrBlock == "0.0.0.0/0" || r.DestinationIpv6CidrBlock == "::/0"));

    /// <summary>The policy AWS attaches when none is given: allow everything to everyone.</summary>
    private static bool IsFullAccess(string? policy) =>
        policy is null || Policies.PolicyDocument.Parse(policy) is { Document: { } document }
            && document.Statements.Any(s => s.Effect == Policies.PolicyEffect.Allow && s.Actions.Contains("*") && s.Resources.Contains("*") && s.Conditions.Count == 0);
}
