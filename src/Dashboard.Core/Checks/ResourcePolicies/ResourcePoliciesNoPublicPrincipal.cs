using Dashboard.Core.Inventory;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks.ResourcePolicies;

/// <summary>
/// CIS v7 2.21: no resource policy grants access to Principal "*" (or {"AWS": "*"}, a wildcard account, Allow with
/// NotPrincipal) unless a condition that cannot be bypassed limits it to an account, organization, network or source resource.
/// Covers what the inventory collects: S3 bucket policies, KMS key policies, Lambda function policies and Secrets Manager
/// resource policies. A resource without a policy gets no result; one whose policy cannot be read gets an Error.
/// </summary>
public sealed class ResourcePoliciesNoPublicPrincipal : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "resource_policies_no_public_principal",
        Title = "Resource policies do not grant access to everyone",
        Service = "resource",
        ResourceType = "AWS::IAM::ResourcePolicy",
        Severity = Severity.Critical,
        Rationale = "A resource policy with Principal \"*\" and no limiting condition lets any AWS account, and for some services "
            + "anonymous callers, use the resource: read a bucket, decrypt with a key, invoke a function or read a secret.",
        Remediation = new Remediation(
            Steps: "Replace Principal \"*\" with the accounts, roles or services that need access, or add a condition that limits the "
                + "statement to your organization (aws:PrincipalOrgID), account (aws:SourceAccount, aws:PrincipalAccount) or network "
                + "(aws:SourceVpce). Avoid IfExists and ForAllValues forms: they let requests without the key through.",
            Cli: "aws s3api get-bucket-policy --bucket <bucket>\n"
                + "aws kms get-key-policy --key-id <key-id> --policy-name default\n"
                + "aws lambda get-policy --function-name <function>\n"
                + "aws lambda remove-permission --function-name <function> --statement-id <sid>\n"
                + "aws secretsmanager get-resource-policy --secret-id <secret>",
            Terraform: "data \"aws_iam_policy_document\" \"bucket\" {\n"
                + "  statement {\n"
                + "    actions   = [\"s3:GetObject\"]\n"
                + "    resources = [\"${aws_s3_bucket.this.arn}/*\"]\n"
                + "    principals {\n"
                + "      type        = \"AWS\"\n"
                + "      identifiers = [\"*\"]\n"
                + "    }\n"
                + "    condition {\n"
                + "      test     = \"StringEquals\"\n"
                + "      variable = \"aws:PrincipalOrgID\"\n"
                + "      values   = [var.organization_id]\n"
                + "    }\n"
                + "  }\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status",
        ],
        DataSources =
        [
            Sources.S3ListBuckets, Sources.S3BucketPolicy,
            Sources.KmsKeys, Sources.KmsKeyPolicy,
            Sources.LambdaFunctions, Sources.LambdaPolicy,
            Sources.SecretsManagerSecrets, Sources.SecretsManagerResourcePolicy,
        ],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var options = inventory.AccessOptions();
        var results = new List<CheckResult>();

        if (context.FirstError(Sources.S3ListBuckets) is { } bucketsError)
        {
            results.Add(Error(Regions.Global, "buckets", null, bucketsError));
        }

        foreach (var bucket in inventory.S3.Buckets)
        {
            AddJudgement(results, context, options, Sources.S3BucketPolicy, "bucket", bucket.Region, bucket.Name, bucket.Arn(inventory.Partition), bucket.Policy, required: false);
        }

        AddListErrors(results, context, Sources.KmsKeys, "keys");
        foreach (var key in inventory.Kms.Keys)
        {
            var customer = string.Equals(key.KeyManager, "CUSTOMER", StringComparison.OrdinalIgnoreCase);
            AddJudgement(results, context, options, Sources.KmsKeyPolicy, "key", key.Region, key.KeyId, key.Arn, key.Policy, required: customer);
        }

        AddListErrors(results, context, Sources.LambdaFunctions, "functions");
        foreach (var function in inventory.Lambda.Functions)
        {
            AddJudgement(results, context, options, Sources.LambdaPolicy, "function", function.Region, function.FunctionName, function.FunctionArn, function.Policy, required: false);
        }

        AddListErrors(results, context, Sources.SecretsManagerSecrets, "secrets");
        foreach (var secret in inventory.SecretsManager.Secrets)
        {
            AddJudgement(results, context, options, Sources.SecretsManagerResourcePolicy, "secret", secret.Region, secret.Name, secret.Arn, secret.ResourcePolicy, required: false);
        }

        if (results.Count == 0)
        {
            results.Add(NotApplicable(Regions.Global, inventory.AccountId, null, "no collected resource has a resource policy"));
        }

        return results;
    }

    private void AddListErrors(List<CheckResult> results, EvaluationContext context, DataSource source, string what)
    {
        foreach (var error in context.FirstErrorPerRegion(source))
        {
            results.Add(Error(error.Region, what, null, error));
        }
    }

    /// <param name="required">Whether every such resource has a policy (KMS customer keys), so a missing one is missing data.</param>
    private void AddJudgement(List<CheckResult> results, EvaluationContext context, AccessOptions options, DataSource source,
        string kind, string region, string resourceId, string arn, string? policy, bool required)
    {
        if (context.ErrorAbout(source, resourceId, arn) is { } error)
        {
            results.Add(Error(region, resourceId, arn, error));
            return;
        }

        if (policy is null)
        {
            if (required)
            {
                results.Add(Result(ResultStatus.Error, region, resourceId, arn, $"the {kind} policy was not collected", [("resourceKind", kind)]));
            }

            return;
        }

        var access = PolicyAnalysis.Of(policy).Access(options);
        (string, string)[] evidence = [("resourceKind", kind), ("exposure", access.Exposure.ToString())];
        results.Add(access.Exposure switch
        {
            Exposure.NotEvaluated => Result(ResultStatus.Error, region, resourceId, arn, $"{kind} policy could not be evaluated: {access.Error}", evidence),
            Exposure.Public => Fail(region, resourceId, arn,
                $"{kind} policy grants access to everyone: " + string.Join("; ", access.Widest.Select(s => $"{s.Name}: {s.Reason}")), evidence),
            _ => Pass(region, resourceId, arn, $"no statement of the {kind} policy is open to everyone", evidence),
        });
    }
}
