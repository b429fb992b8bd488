using Dashboard.Core.Inventory;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// Checklist X15: a role that another account may assume (sts:AssumeRole) requires an sts:ExternalId, unless that account
/// belongs to the same organization. A trust open to everyone fails whatever its conditions, as an external id is not a
/// secret. Service principals are out of scope (confused-deputy protection is a different rule), and so are web-identity
/// and SAML federation (see iam_oidc_trust_scoped).
/// </summary>
public sealed class IamRoleCrossAccountExternalId : Check
{
    private const string AssumeRole = "sts:AssumeRole";
    private const string ExternalIdKey = "sts:ExternalId";

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_role_cross_account_external_id",
        Title = "Roles trusted by other accounts require an external id",
        Service = "iam",
        ResourceType = "AWS::IAM::Role",
        Severity = Severity.High,
        Rationale = "A vendor that assumes roles in many customers' accounts can be tricked into using its access on behalf of the wrong "
            + "customer (the confused deputy problem). Requiring an external id that only you and the vendor know ties each "
            + "assumption to your account. A role any AWS principal can assume is open to the whole world.",
        Remediation = new Remediation(
            Steps: "Ask the third party for the external id it uses for your account (or generate one and give it to them) and add a "
                + "StringEquals condition on sts:ExternalId to the statement that trusts their account. Replace Principal \"*\" with the "
                + "account or role ARN that needs access. For accounts in your own organization prefer aws:PrincipalOrgID.",
            Cli: "cat > trust.json <<'JSON'\n"
                + "{\n"
                + "  \"Version\": \"2012-10-17\",\n"
                + "  \"Statement\": [{\n"
                + "    \"Effect\": \"Allow\",\n"
                + "    \"Principal\": {\"AWS\": \"arn:aws:iam::<vendor-account-id>:root\"},\n"
                + "    \"Action\": \"sts:AssumeRole\",\n"
                + "    \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"<external-id>\"}}\n"
                + "  }]\n"
                + "}\n"
                + "JSON\n"
                + "aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json",
            Terraform: "data \"aws_iam_policy_document\" \"vendor_trust\" {\n"
                + "  statement {\n"
                + "    actions = [\"sts:AssumeRole\"]\n"
                + "    principals {\n"
                + "      type        = \"AWS\"\n"
                + "      identifiers = [\"arn:aws:iam::<vendor-account-id>:root\"]\n"
                + "    }\n"
                + "    condition {\n"
                + "      test     = \"StringEquals\"\n"
                + "      variable = \"sts:ExternalId\"\n"
                + "      values   = [var.vendor_external_id]\n"
                + "    }\n"
                + "  }\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
        ],
        DataSources = [Sources.IamAuthorizationDetails],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var listError = ErrorFor(context, Regions.Global);
        if (listError is not null)
        {
            yield return Error(Regions.Global, inventory.AccountId, null, listError);
        }

        var options = inventory.AccessOptions();
        var anyResult = false;
        foreach (var role in inventory.Iam.Roles)
        {
            var access = PolicyAnalysis.Of(role.AssumeRolePolicyDocument).Access(options);
            if (!access.Evaluated)
            {
                anyResult = true;
                yield return Result(ResultStatus.Error, Regions.Global, role.RoleName, role.Arn,
                    role.AssumeRolePolicyDocument is null ? "trust policy was not collected" : $"trust policy could not be evaluated: {access.Error}", []);
                continue;
            }

            var crossAccount = access.Statements
                .Where(s => s.Exposure >= Exposure.CrossAccount && s.Statement.CoversAction(AssumeRole))
                .ToList();
            if (crossAccount.Count == 0)
            {
                continue;
            }

            anyResult = true;
            var problems = crossAccount.Select(s => Problem(s, inventory.Organization?.Id)).OfType<string>().ToList();
            var critical = crossAccount.Any(s => s.Exposure == Exposure.Public);
            (string, string)[] evidence =
            [
                ("externalAccounts", string.Join(", ", crossAccount.SelectMany(s => s.ExternalAccountIds.Concat(s.OtherPrincipals)).Distinct(StringComparer.Ordinal))),
                ("level", critical ? "Critical" : "High"),
            ];
            yield return problems.Count == 0
                ? Pass(Regions.Global, role.RoleName, role.Arn, "every statement that trusts another account requires an sts:ExternalId", evidence)
                : Fail(Regions.Global, role.RoleName, role.Arn, string.Join("; ", problems), evidence);
        }

        if (!anyResult && listError is null)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "no IAM role trusts an account outside the organization");
        }
    }

    private static string? Problem(StatementAccess grant, string? organizationId)
    {
        if (grant.Exposure == Exposure.Public)
        {
            return $"{grant.Name}: any AWS account can assume the role ({grant.Reason}); an external id does not make it private";
        }

        // An external id, or a condition that the caller belongs to the owner's own organization, settles it.
        var externalId = grant.Statement.ConditionsOn(ExternalIdKey).Any(c => Pins(c, _ => true));
        var ownOrganization = organizationId is not null && grant.Statement.ConditionsOn("aws:PrincipalOrgID").Any(c => Pins(c, v => v == organizationId));
        if (externalId || ownOrganization)
        {
            return null;
        }

        var who = string.Join(", ", grant.ExternalAccountIds.Select(a => $"account {a}").Concat(grant.OtherPrincipals));
        return $"{grant.Name}: trusts {who} without requiring sts:ExternalId";
    }

    /// <summary>A positive string condition that cannot be skipped, with literal values that all pass <paramref name="accept"/>.</summary>
    private static bool Pins(PolicyCondition condition, Func<string, bool> accept) =>
        condition.Family == ConditionFamily.Text && !condition.IsNegated && !condition.IfExists && !condition.IsForAllValues
        && condition.Values.Count > 0 && condition.Values.All(v => v.Length > 0 && !PolicyArn.IsPattern(v) && accept(v));
}
