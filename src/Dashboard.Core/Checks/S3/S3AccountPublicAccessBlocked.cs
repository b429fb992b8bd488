using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.S3;

/// <summary>CIS v5 2.1.4 (account part): all four account-level Block Public Access settings are on.</summary>
public sealed class S3AccountPublicAccessBlocked : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "s3_account_public_access_blocked",
        Title = "S3 Block Public Access is on for the whole account",
        Service = "s3",
        ResourceType = "AWS::S3::AccountPublicAccessBlock",
        Severity = Severity.High,
        Rationale = "The account-level setting overrides every bucket, including buckets created later by people or tools that forget to block "
            + "public access. One switch closes off public ACLs and public bucket policies across the account.",
        Remediation = new Remediation(
            Steps: "Check that no bucket must be public (static websites behind CloudFront use origin access control, not public buckets). "
                + "Then open S3 > Block Public Access settings for this account, choose Edit, turn on all four settings and confirm.",
            Cli: "aws s3control put-public-access-block --account-id <account-id> \\\n"
                + "  --public-access-block-configuration \\\n"
                + "  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
            Terraform: "resource \"aws_s3_account_public_access_block\" \"this\" {\n"
                + "  block_public_acls       = true\n"
                + "  ignore_public_acls      = true\n"
                + "  block_public_policy     = true\n"
                + "  restrict_public_buckets = true\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html",
        ],
        DataSources = [Sources.S3AccountPublicAccessBlock],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var accountId = context.Inventory.AccountId;
        if (context.FirstError(Sources.S3AccountPublicAccessBlock) is { } error)
        {
            yield return Error(Regions.Global, accountId, null, error);
            yield break;
        }

        var configured = context.Inventory.S3.AccountPublicAccessBlock;
        var evidence = ("accountPublicAccessBlock", PublicAccessBlockSettings.Describe(configured));
        var disabled = PublicAccessBlockSettings.Disabled(configured ?? PublicAccessBlock.AllOff);
        if (disabled.Count == 0)
        {
            yield return Pass(Regions.Global, accountId, null, "all four account-level Block Public Access settings are on", evidence);
        }
        else if (configured is null)
        {
            yield return Fail(Regions.Global, accountId, null, "account-level Block Public Access is not configured", evidence);
        }
        else
        {
            yield return Fail(Regions.Global, accountId, null, $"account-level Block Public Access is off for {string.Join(", ", disabled)}", evidence);
        }
    }
}
