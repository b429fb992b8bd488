using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.S3;

/// <summary>
/// Checklist X2 (exposure part): the bucket policy is not public (S3's own PolicyStatus.IsPublic) and the bucket ACL grants
/// nothing to AllUsers or AuthenticatedUsers. Block Public Access is judged by s3_bucket_public_access_blocked.
/// </summary>
public sealed class S3BucketNotPublic : BucketCheck
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "s3_bucket_not_public",
        Title = "S3 bucket grants no public access",
        Service = "s3",
        ResourceType = "AWS::S3::Bucket",
        Severity = Severity.Critical,
        Rationale = "A bucket policy that S3 itself classifies as public, or an ACL grant to everyone or to any AWS user, lets strangers "
            + "list, read or write the bucket. Most data leaks from S3 start with one of these.",
        Remediation = new Remediation(
            Steps: "Remove the public statements from the bucket policy (or limit them with aws:SourceVpce, aws:PrincipalOrgID or specific "
                + "principals), set Object Ownership to 'Bucket owner enforced' to disable ACLs, and turn on Block Public Access. Serve public "
                + "content through CloudFront with origin access control instead.",
            Cli: "aws s3api get-bucket-policy-status --bucket <bucket>\n"
                + "aws s3api put-bucket-ownership-controls --bucket <bucket> \\\n"
                + "  --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'\n"
                + "aws s3api delete-bucket-policy --bucket <bucket>   # or put a corrected policy\n"
                + "aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration \\\n"
                + "  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
            Terraform: "resource \"aws_s3_bucket_ownership_controls\" \"this\" {\n"
                + "  bucket = aws_s3_bucket.this.id\n"
                + "  rule {\n"
                + "    object_ownership = \"BucketOwnerEnforced\"\n"
                + "  }\n"
                + "}\n\n"
                + "resource \"aws_s3_bucket_public_access_block\" \"this\" {\n"
                + "  bucket                  = aws_s3_bucket.this.id\n"
                + "  block_public_acls       = true\n"
                + "  ignore_public_acls      = true\n"
                + "  block_public_policy     = true\n"
                + "  restrict_public_buckets = true\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
        ],
        DataSources = [Sources.S3ListBuckets, Sources.S3BucketPolicyStatus, Sources.S3BucketAcl],
    };

    protected override CheckResult Judge(EvaluationContext context, S3Bucket bucket, string arn)
    {
        (string, string)[] evidence =
        [
            ("policyIsPublic", bucket.PolicyIsPublic switch { true => "true", false => "false", null => bucket.Policy is null ? "no policy" : "unknown" }),
            ("publicAclGrants", bucket.PublicAclGrants.Count == 0 ? "none" : string.Join(", ", bucket.PublicAclGrants.Select(Describe))),
            ("objectOwnership", bucket.ObjectOwnership ?? "not set"),
        ];

        var problems = new List<string>();
        if (bucket.PolicyIsPublic == true)
        {
            problems.Add("bucket policy is public");
        }

        if (bucket.PublicAclGrants.Count > 0)
        {
            problems.Add($"ACL grants {string.Join(", ", bucket.PublicAclGrants.Select(Describe))}");
        }

        if (problems.Count > 0)
        {
            return Fail(bucket.Region, bucket.Name, arn, string.Join("; ", problems), evidence);
        }

        // A policy whose public status was not reported cannot be judged either way.
        return bucket.PolicyIsPublic is null && bucket.Policy is not null
            ? Result(ResultStatus.Error, bucket.Region, bucket.Name, arn, "bucket has a policy but its public status was not collected", evidence)
            : Pass(bucket.Region, bucket.Name, arn, "neither the bucket policy nor the ACL grants public access", evidence);
    }

    private static string Describe(BucketAclGrant grant) =>
        $"{grant.Permission} to {grant.GranteeUri[(grant.GranteeUri.LastIndexOf('/') + 1)..]}";
}
