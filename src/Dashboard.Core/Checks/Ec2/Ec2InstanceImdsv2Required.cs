using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Ec2;

/// <summary>CIS v5 5.7 / checklist X12: each instance that is not terminated requires IMDSv2 tokens, or has the metadata endpoint off.</summary>
public sealed class Ec2InstanceImdsv2Required : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "ec2_instance_imdsv2_required",
        Title = "EC2 instance requires IMDSv2",
        Service = "ec2",
        ResourceType = "AWS::EC2::Instance",
        Severity = Severity.High,
        Rationale = "With IMDSv1 a single server-side request forgery or open proxy on the instance is enough to read the instance role's "
            + "credentials. IMDSv2's session tokens stop those simple GET requests.",
        Remediation = new Remediation(
            Steps: "Check the instance's MetadataNoToken CloudWatch metric to confirm nothing still uses IMDSv1 (update old SDKs and agents first), "
                + "then set the metadata options to require tokens. Set the account default and launch templates so new instances start that way.",
            Cli: "aws ec2 modify-instance-metadata-options --instance-id <instance-id> \\\n"
                + "  --http-tokens required --http-endpoint enabled\n"
                + "# default for new instances in this Region:\n"
                + "aws ec2 modify-instance-metadata-defaults --http-tokens required",
            Terraform: "resource \"aws_instance\" \"this\" {\n"
                + "  # ...\n"
                + "  metadata_options {\n"
                + "    http_endpoint = \"enabled\"\n"
                + "    http_tokens   = \"required\"\n"
                + "  }\n"
                + "}",
            CloudFormation: "LaunchTemplate:\n"
                + "  Type: AWS::EC2::LaunchTemplate\n"
                + "  Properties:\n"
                + "    LaunchTemplateData:\n"
                + "      MetadataOptions:\n"
                + "        HttpEndpoint: enabled\n"
                + "        HttpTokens: required"),
        References =
        [
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html",
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html",
        ],
        DataSources = [Sources.Ec2Instances],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var errors = context.FirstErrorPerRegion(Sources.Ec2Instances);
        foreach (var error in errors)
        {
            yield return Error(error.Region, "instances", null, error);
        }

        var instances = inventory.Ec2.Instances.Where(i => !Is(i.State, "terminated") && !Is(i.State, "shutting-down")).ToList();
        if (instances.Count == 0 && errors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no running or stopped EC2 instances");
        }

        foreach (var instance in instances)
        {
            var options = instance.MetadataOptions;
            var arn = instance.Arn(inventory.Partition, inventory.AccountId);
            (string, string)[] evidence =
            [
                ("httpTokens", options.HttpTokens),
                ("httpEndpoint", options.HttpEndpoint),
                ("metadataOptionsState", options.State),
            ];

            if (Is(options.HttpEndpoint, "disabled"))
            {
                yield return Pass(instance.Region, instance.InstanceId, arn, "instance metadata endpoint is disabled", evidence);
            }
            else if (!Is(options.HttpTokens, "required"))
            {
                yield return Fail(instance.Region, instance.InstanceId, arn, "instance accepts IMDSv1 requests without a session token", evidence);
            }
            else if (!Is(options.State, "applied"))
            {
                yield return Fail(instance.Region, instance.InstanceId, arn, "IMDSv2 is required but the change has not been applied yet", evidence);
            }
            else
            {
                yield return Pass(instance.Region, instance.InstanceId, arn, "instance requires IMDSv2 session tokens", evidence);
            }
        }
    }

    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
}
