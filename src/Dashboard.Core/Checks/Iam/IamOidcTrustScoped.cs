using Dashboard.Core.Inventory;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// Checklist X16 for identity providers other than GitHub (which iam_github_oidc_trust_scoped covers):
/// <list type="bullet">
/// <item>EKS IRSA (oidc.eks.&lt;region&gt;.amazonaws.com/id/&lt;id&gt;): sub must name system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;
/// with a literal namespace (a wildcard in the service-account name is reported as a warning) and aud must be sts.amazonaws.com;</item>
/// <item>Amazon Cognito identity pools: aud must name the identity pools;</item>
/// <item>any other OIDC provider or public identity provider: both aud and sub must be limited to literal values.</item>
/// </list>
/// Every value of a multi-value condition is judged: one broad value opens the role.
/// </summary>
public sealed class IamOidcTrustScoped : Check
{
    private const string ServiceAccountPrefix = "system:serviceaccount:";
    private const string Cognito = "cognito-identity.amazonaws.com";

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_oidc_trust_scoped",
        Title = "OIDC role trust is limited to named subjects and audiences",
        Service = "iam",
        ResourceType = "AWS::IAM::Role",
        Severity = Severity.High,
        Rationale = "An identity provider issues tokens to many subjects: every pod of every namespace in an EKS cluster, every user of a "
            + "public identity provider. A trust policy that does not pin the sub and aud claims lets any of them assume the role.",
        Remediation = new Remediation(
            Steps: "Edit the role's trust policy. For EKS, require <issuer>:aud = sts.amazonaws.com and <issuer>:sub = "
                + "system:serviceaccount:<namespace>:<service-account> with StringEquals. For other providers, require the aud claim to "
                + "equal your client id (or Cognito identity pool id) and limit the sub claim to the subjects that need the role.",
            Cli: "cat > trust.json <<'JSON'\n"
                + "{\n"
                + "  \"Version\": \"2012-10-17\",\n"
                + "  \"Statement\": [{\n"
                + "    \"Effect\": \"Allow\",\n"
                + "    \"Principal\": {\"Federated\": \"arn:aws:iam::<account-id>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>\"},\n"
                + "    \"Action\": \"sts:AssumeRoleWithWebIdentity\",\n"
                + "    \"Condition\": {\"StringEquals\": {\n"
                + "      \"oidc.eks.<region>.amazonaws.com/id/<id>:aud\": \"sts.amazonaws.com\",\n"
                + "      \"oidc.eks.<region>.amazonaws.com/id/<id>:sub\": \"system:serviceaccount:<namespace>:<service-account>\"\n"
                + "    }}\n"
                + "  }]\n"
                + "}\n"
                + "JSON\n"
                + "aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json",
            Terraform: "data \"aws_iam_policy_document\" \"irsa\" {\n"
                + "  statement {\n"
                + "    actions = [\"sts:AssumeRoleWithWebIdentity\"]\n"
                + "    principals {\n"
                + "      type        = \"Federated\"\n"
                + "      identifiers = [aws_iam_openid_connect_provider.eks.arn]\n"
                + "    }\n"
                + "    condition {\n"
                + "      test     = \"StringEquals\"\n"
                + "      variable = \"${local.issuer}:sub\"\n"
                + "      values   = [\"system:serviceaccount:payments:api\"]\n"
                + "    }\n"
                + "    condition {\n"
                + "      test     = \"StringEquals\"\n"
                + "      variable = \"${local.issuer}:aud\"\n"
                + "      values   = [\"sts.amazonaws.com\"]\n"
                + "    }\n"
                + "  }\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif",
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

        var anyResult = false;
        foreach (var role in inventory.Iam.Roles)
        {
            var analysis = PolicyAnalysis.Of(role.AssumeRolePolicyDocument);
            if (!analysis.CanEvaluate)
            {
                anyResult = true;
                yield return Result(ResultStatus.Error, Regions.Global, role.RoleName, role.Arn,
                    role.AssumeRolePolicyDocument is null ? "trust policy was not collected" : $"trust policy could not be evaluated: {analysis.Error}", []);
                continue;
            }

            var grants = OidcTrust.Grants(analysis.Document).Where(g => !IamGitHubOidcTrustScoped.IsGitHub(g.Provider)).ToList();
            if (grants.Count == 0)
            {
                continue;
            }

            anyResult = true;
            var named = grants.Count > 1;
            var problems = new List<string>();
            var warnings = new List<string>();
            foreach (var grant in grants)
            {
                Judge(grant, named, problems, warnings);
            }

            (string, string)[] evidence =
            [
                ("providers", string.Join(", ", grants.Select(g => g.Provider).Distinct(StringComparer.OrdinalIgnoreCase))),
                ("sub", PolicyContext.JoinValues(grants.SelectMany(g => g.Matching("sub").SelectMany(c => c.Values)))),
                ("aud", PolicyContext.JoinValues(grants.SelectMany(g => g.Matching("aud").SelectMany(c => c.Values)))),
                ("warnings", warnings.Count == 0 ? "none" : string.Join("; ", warnings)),
            ];
            yield return problems.Count == 0
                ? Pass(Regions.Global, role.RoleName, role.Arn,
                    "OIDC trust names its subjects and audience" + (warnings.Count == 0 ? "" : $" (warning: {string.Join("; ", warnings)})"), evidence)
                : Fail(Regions.Global, role.RoleName, role.Arn, string.Join("; ", problems), evidence);
        }

        if (!anyResult && listError is null)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "no IAM role trusts an OIDC identity provider other than GitHub");
        }
    }

    private static void Judge(OidcGrant grant, bool named, List<string> problems, List<string> warnings)
    {
        var prefix = grant.Prefix(named);
        if (IsEks(grant.Provider))
        {
            AddIf(problems, ServiceAccountProblem(grant, prefix, warnings));
            AddIf(problems, OidcTrust.AudienceProblem(grant, named, OidcTrust.StsAudience));
        }
        else if (grant.Provider.Equals(Cognito, StringComparison.OrdinalIgnoreCase))
        {
            AddIf(problems, OidcTrust.AudienceProblem(grant, named, expected: null));
        }
        else
        {
            AddIf(problems, SubjectProblem(grant, prefix));
            AddIf(problems, OidcTrust.AudienceProblem(grant, named, expected: null));
        }
    }

    private static void AddIf(List<string> list, string? item)
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }

    private static bool IsEks(string provider) =>
        provider.StartsWith("oidc.eks.", StringComparison.OrdinalIgnoreCase) && provider.Contains(".amazonaws.com/id/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// EKS: one sub condition whose every value is system:serviceaccount:&lt;literal namespace&gt;:&lt;name&gt; is required (separate
    /// conditions must all hold, so one tight condition is enough). A wildcard in the name only is a warning.
    /// </summary>
    private static string? ServiceAccountProblem(OidcGrant grant, string prefix, List<string> warnings)
    {
        var conditions = grant.Matching("sub");
        if (conditions.Count == 0)
        {
            return prefix + "no condition on the sub claim, so every service account in the cluster can assume the role";
        }

        var tight = conditions.FirstOrDefault(c => c.Values.Count > 0 && c.Values.All(v => ServiceAccountLevel(v) != Scope.Open));
        if (tight is null)
        {
            var broad = conditions.SelectMany(c => c.Values).Where(v => ServiceAccountLevel(v) == Scope.Open).ToList();
            return prefix + $"sub allows {PolicyContext.JoinValues(broad)}, which does not name one namespace";
        }

        var loose = tight.Values.Where(v => ServiceAccountLevel(v) == Scope.AnyNameInNamespace).ToList();
        if (loose.Count > 0)
        {
            warnings.Add(prefix + $"sub allows any service account name in {PolicyContext.JoinValues(loose)}");
        }

        return null;
    }

    private enum Scope
    {
        Named = 0,
        AnyNameInNamespace = 1,
        Open = 2,
    }

    private static Scope ServiceAccountLevel(string value)
    {
        if (!value.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal))
        {
            return Scope.Open;
        }

        var rest = value[ServiceAccountPrefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || OidcTrust.IsPattern(rest[..colon]))
        {
            return Scope.Open;
        }

        var name = rest[(colon + 1)..];
        return name.Length == 0 || name.Contains(':', StringComparison.Ordinal) ? Scope.Open
            : OidcTrust.IsPattern(name) ? Scope.AnyNameInNamespace
            : Scope.Named;
    }

    /// <summary>Other providers: one sub condition whose values are all literal (a wildcard or variable anywhere makes it broad).</summary>
    private static string? SubjectProblem(OidcGrant grant, string prefix)
    {
        var conditions = grant.Matching("sub");
        if (conditions.Count == 0)
        {
            return prefix + $"no condition on the sub claim, so any identity {grant.Provider} vouches for can assume the role";
        }

        return conditions.Any(c => c.Values.Count > 0 && c.Values.All(v => v.Length > 0 && !OidcTrust.IsPattern(v)))
            ? null
            : prefix + $"sub allows {PolicyContext.JoinValues(conditions.SelectMany(c => c.Values))}, which is not a list of named subjects";
    }
}
