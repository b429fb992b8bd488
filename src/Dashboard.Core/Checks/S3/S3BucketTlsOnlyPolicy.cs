using System.Globalization;
using Dashboard.Core.Inventory;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks.S3;

/// <summary>
/// CIS v5 2.1.1 and checklist X4: the bucket policy denies every S3 action to everyone when the request does not use TLS
/// (Bool aws:SecureTransport = false) or uses a TLS version below a minimum (NumericLessThan s3:TlsVersion). An Allow that
/// requires TLS is not enough: another statement or an ACL can still grant plain HTTP access.
/// </summary>
public sealed class S3BucketTlsOnlyPolicy : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "s3_bucket_tls_only_policy",
        Title = "S3 bucket policy refuses requests that do not use TLS",
        Service = "s3",
        ResourceType = "AWS::S3::Bucket",
        Severity = Severity.Medium,
        Rationale = "S3 answers plain HTTP as well as HTTPS. Without an explicit Deny for insecure transport, a misconfigured client "
            + "or SDK can send data and credentials-signed requests in clear text that anyone on the path can read or replay.",
        Remediation = new Remediation(
            Steps: "Add a statement to the bucket policy that denies s3:* to Principal \"*\" on the bucket and its objects when "
                + "aws:SecureTransport is false. Optionally add a second Deny with NumericLessThan s3:TlsVersion 1.2 to refuse old TLS. "
                + "Merge it into the existing policy rather than replacing it.",
            Cli: "cat > tls-only.json <<'JSON'\n"
                + "{\n"
                + "  \"Version\": \"2012-10-17\",\n"
                + "  \"Statement\": [{\n"
                + "    \"Sid\": \"DenyInsecureTransport\",\n"
                + "    \"Effect\": \"Deny\",\n"
                + "    \"Principal\": \"*\",\n"
                + "    \"Action\": \"s3:*\",\n"
                + "    \"Resource\": [\"arn:aws:s3:::<bucket>\", \"arn:aws:s3:::<bucket>/*\"],\n"
                + "    \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}\n"
                + "  }]\n"
                + "}\n"
                + "JSON\n"
                + "aws s3api put-bucket-policy --bucket <bucket> --policy file://tls-only.json",
            Terraform: "data \"aws_iam_policy_document\" \"tls_only\" {\n"
                + "  statement {\n"
                + "    sid       = \"DenyInsecureTransport\"\n"
                + "    effect    = \"Deny\"\n"
                + "    actions   = [\"s3:*\"]\n"
                + "    resources = [aws_s3_bucket.this.arn, \"${aws_s3_bucket.this.arn}/*\"]\n"
                + "    principals {\n"
                + "      type        = \"*\"\n"
                + "      identifiers = [\"*\"]\n"
                + "    }\n"
                + "    condition {\n"
                + "      test     = \"Bool\"\n"
                + "      variable = \"aws:SecureTransport\"\n"
                + "      values   = [\"false\"]\n"
                + "    }\n"
                + "  }\n"
                + "}\n"
                + "resource \"aws_s3_bucket_policy\" \"this\" {\n"
                + "  bucket = aws_s3_bucket.this.id\n"
                + "  policy = data.aws_iam_policy_document.tls_only.json\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html",
        ],
        DataSources = [Sources.S3ListBuckets, Sources.S3BucketPolicy],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var listError = context.FirstError(Sources.S3ListBuckets);
        if (listError is not null)
        {
            yield return Error(Regions.Global, "buckets", null, listError);
        }
        else if (inventory.S3.Buckets.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no S3 buckets");
            yield break;
        }

        foreach (var bucket in inventory.S3.Buckets)
        {
            var arn = bucket.Arn(inventory.Partition);
            var policyError = context.ErrorAbout(Sources.S3BucketPolicy, bucket.Name);
            if (policyError is not null)
            {
                yield return Error(bucket.Region, bucket.Name, arn, policyError);
                continue;
            }

            if (bucket.Policy is null)
            {
                yield return Fail(bucket.Region, bucket.Name, arn, "the bucket has no bucket policy, so nothing refuses plain HTTP requests", ("policy", "none"));
                continue;
            }

            var analysis = PolicyAnalysis.Of(bucket.Policy);
            if (!analysis.CanEvaluate)
            {
                yield return Result(ResultStatus.Error, bucket.Region, bucket.Name, arn, $"bucket policy could not be evaluated: {analysis.Error}", []);
                continue;
            }

            var statements = analysis.Document.Statements;
            var deny = statements.Select((s, i) => (Statement: s, Index: i)).FirstOrDefault(x => DeniesInsecureTransport(x.Statement, arn));
            if (deny.Statement is not null)
            {
                yield return Pass(bucket.Region, bucket.Name, arn, "the bucket policy denies every S3 action to everyone over insecure transport",
                    ("statement", deny.Statement.Sid ?? $"statement {deny.Index + 1}"));
                continue;
            }

            var allowOnly = statements.Any(s => s.IsAllow && s.ConditionsOn("aws:SecureTransport").Any());
            yield return Fail(bucket.Region, bucket.Name, arn,
                allowOnly
                    ? "the policy only allows requests over TLS; without a Deny for insecure transport other grants still accept plain HTTP"
                    : "no statement denies s3:* to everyone when aws:SecureTransport is false or s3:TlsVersion is below a minimum",
                ("policy", "present"));
        }
    }

    /// <summary>
    /// An enforceable Deny for everyone, on s3:* or *, on the bucket or its objects, whose only condition is a TLS one.
    /// A second condition would be ANDed with it and leave requests that do not match it unrefused.
    /// </summary>
    private static bool DeniesInsecureTransport(PolicyStatement statement, string bucketArn)
    {
        var everyone = statement.NotPrincipal is null && statement.Principal is { } principal
            && (principal.IsWildcard || principal.Aws.Contains("*", StringComparer.Ordinal));
        return statement.IsEnforceableDeny
            && everyone
            && statement.NotActions is null
            && statement.Actions.Any(a => PolicyActions.Covers(a, "s3:*"))
            && statement.NotResources is null
            && statement.Resources.Any(r => PolicyWildcard.Matches(r, bucketArn, ignoreCase: false) || PolicyWildcard.Matches(r, bucketArn + "/*", ignoreCase: false))
            && statement.Conditions.Count == 1
            && IsTlsCondition(statement.Conditions[0]);
    }

    private static bool IsTlsCondition(PolicyCondition condition)
    {
        if (condition.SetQualifier is not null || condition.Values.Count == 0)
        {
            return false;
        }

        if (condition.Family == ConditionFamily.Bool && condition.Key.Equals("aws:SecureTransport", StringComparison.OrdinalIgnoreCase))
        {
            return condition.Values.All(v => v.Equals("false", StringComparison.OrdinalIgnoreCase));
        }

        return condition.BaseOperator == "NumericLessThan"
            && condition.Key.Equals("s3:TlsVersion", StringComparison.OrdinalIgnoreCase)
            && condition.Values.All(v => decimal.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version) && version > 1.0m);
    }
}
