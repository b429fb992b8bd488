using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Core.Checks.Ec2;

/// <summary>Checklist X12 (account part): the Region's instance metadata default makes new instances require IMDSv2.</summary>
public sealed class Ec2AccountImdsv2Default : RegionalSettingCheck<string?>
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "ec2_account_imdsv2_default",
        Title = "New EC2 instances require IMDSv2 by default in every Region",
        Service = "ec2",
        ResourceType = "AWS::::Account",
        Severity = Severity.Medium,
        Rationale = "The account-level metadata default decides how instances start when the AMI and launch request say nothing. "
            + "Requiring tokens there keeps new instances off IMDSv1, whose plain GET requests are the usual path from an SSRF flaw to the role's credentials.",
        Remediation = new Remediation(
            Steps: "In each Region open EC2 > Dashboard > Account attributes > Data protection and security > IMDS defaults, and set Metadata version "
                + "to V2 only (token required). Existing instances keep their own setting; fix them separately.",
            Cli: "aws ec2 modify-instance-metadata-defaults --http-tokens required --http-put-response-hop-limit 2 --region <region>",
            Terraform: "resource \"aws_ec2_instance_metadata_defaults\" \"this\" {\n"
                + "  http_tokens                 = \"required\"\n"
                + "  http_put_response_hop_limit = 2\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html",
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetInstanceMetadataDefaults.html",
        ],
        DataSources = [Sources.Ec2InstanceMetadataDefaults],
    };

    private protected override string Subject => "the instance metadata defaults";

    private protected override bool TryGet(EvaluationContext context, string region, out string? value) =>
        TryGetFrom(context.Inventory.Ec2.InstanceMetadataDefaultHttpTokens, region, out value);

    private protected override CheckResult EvaluateRegion(EvaluationContext context, string region, string? value)
    {
        var evidence = ("httpTokensDefault", value ?? "no preference");
        return string.Equals(value, "required", StringComparison.OrdinalIgnoreCase)
            ? Pass(region, context.Inventory.AccountId, null, "new instances require IMDSv2 session tokens by default", evidence)
            : Fail(region, context.Inventory.AccountId, null, value is null
                ? "no account default is set, so new instances follow the AMI and launch settings and may accept IMDSv1"
                : $"the account default HttpTokens is {value}, so new instances accept IMDSv1", evidence);
    }
}
