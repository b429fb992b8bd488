using Dashboard.Core.Inventory;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks.Kms;

/// <summary>
/// Checklist X17: the key policy of each customer-managed KMS key grants nothing to everyone and nothing to accounts outside
/// the owner's organization. Principal "*" passes only when a condition limits it to the owner account (kms:CallerAccount,
/// aws:PrincipalAccount, ...), the organization (aws:PrincipalOrgID) or a network (aws:SourceVpce); bypassable conditions
/// (IfExists, ForAllValues, negated operators) do not count. The default "Enable IAM policies" statement for the account
/// root is the owner account and passes.
/// </summary>
public sealed class KmsKeyPolicyNotPublic : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "kms_key_policy_not_public",
        Title = "KMS key policies grant nothing to everyone or to outside accounts",
        Service = "kms",
        ResourceType = "AWS::KMS::Key",
        Severity = Severity.Critical,
        Rationale = "Whoever can use a key can decrypt the data it protects, wherever that data is copied. A key policy open to "
            + "Principal \"*\" or to an unknown account hands that power to people outside your control.",
        Remediation = new Remediation(
            Steps: "Read the key policy and replace Principal \"*\" with the roles that need the key, or add a condition that limits it to "
                + "your account (kms:CallerAccount) or organization (aws:PrincipalOrgID). Remove statements for accounts you do not "
                + "recognise. Keep the statement that gives your own account root access, or IAM policies stop working for the key.",
            Cli: "aws kms get-key-policy --key-id <key-id> --policy-name default --query Policy --output text > policy.json\n"
                + "# edit policy.json, then:\n"
                + "aws kms put-key-policy --key-id <key-id> --policy-name default --policy file://policy.json",
            Terraform: "resource \"aws_kms_key\" \"data\" {\n"
                + "  policy = jsonencode({\n"
                + "    Version = \"2012-10-17\"\n"
                + "    Statement = [{\n"
                + "      Sid       = \"OwnAccount\"\n"
                + "      Effect    = \"Allow\"\n"
                + "      Principal = { AWS = \"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root\" }\n"
                + "      Action    = \"kms:*\"\n"
                + "      Resource  = \"*\"\n"
                + "    }]\n"
                + "  })\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html",
            "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
            "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account",
        ],
        DataSources = [Sources.KmsKeys, Sources.KmsDescribeKey, Sources.KmsKeyPolicy],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var listErrors = context.FirstErrorPerRegion(Sources.KmsKeys);
        foreach (var error in listErrors)
        {
            yield return Error(error.Region, "keys", null, error);
        }

        var options = inventory.AccessOptions();
        var anyResult = false;
        foreach (var key in inventory.Kms.Keys)
        {
            var describeError = context.ErrorAbout(Sources.KmsDescribeKey, key.KeyId, key.Arn);
            if (describeError is not null)
            {
                anyResult = true;
                yield return Error(key.Region, key.KeyId, key.Arn, describeError);
                continue;
            }

            if (!string.Equals(key.KeyManager, "CUSTOMER", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            anyResult = true;
            var policyError = context.ErrorAbout(Sources.KmsKeyPolicy, key.KeyId, key.Arn);
            if (policyError is not null)
            {
                yield return Error(key.Region, key.KeyId, key.Arn, policyError);
                continue;
            }

            if (key.Policy is null)
            {
                // Every key has a policy, so a missing one is missing data.
                yield return Result(ResultStatus.Error, key.Region, key.KeyId, key.Arn, "the key policy was not collected", []);
                continue;
            }

            var access = PolicyAnalysis.Of(key.Policy).Access(options);
            (string, string)[] evidence =
            [
                ("exposure", access.Exposure.ToString()),
                ("externalAccounts", string.Join(", ", access.ExternalAccountIds.Concat(access.OtherPrincipals))),
                ("keyState", key.KeyState),
            ];
            yield return access.Exposure switch
            {
                Exposure.NotEvaluated => Result(ResultStatus.Error, key.Region, key.KeyId, key.Arn, $"key policy could not be evaluated: {access.Error}", evidence),
                Exposure.Public or Exposure.CrossAccount => Fail(key.Region, key.KeyId, key.Arn,
                    string.Join("; ", access.Widest.Select(s => $"{s.Name}: {s.Reason}")), evidence),
                Exposure.Restricted => Pass(key.Region, key.KeyId, key.Arn,
                    "beyond the owner account, the key policy opens access only " + string.Join(" and ", access.Statements.SelectMany(s => s.Limits).Distinct(StringComparer.Ordinal)), evidence),
                _ => Pass(key.Region, key.KeyId, key.Arn, "the key policy grants access only within the owner account", evidence),
            };
        }

        if (!anyResult && listErrors.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "the account has no customer-managed KMS keys");
        }
    }
}
