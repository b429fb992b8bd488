using Dashboard.Core.Inventory;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// Checklist X16 (GitHub part): a role that GitHub Actions can assume through OIDC names the repositories allowed in a
/// sub (or job_workflow_ref) condition and requires the sts.amazonaws.com audience. Without that, any workflow in any
/// GitHub repository can request a token the role accepts.
/// </summary>
public sealed class IamGitHubOidcTrustScoped : Check
{
    private const string GitHubIssuer = "token.actions.githubusercontent.com";

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_github_oidc_trust_scoped",
        Title = "GitHub Actions role trust is limited to named repositories",
        Service = "iam",
        ResourceType = "AWS::IAM::Role",
        Severity = Severity.Critical,
        Rationale = "GitHub issues OIDC tokens to every workflow in every repository on github.com. A role that trusts the GitHub provider "
            + "without pinning the owner and repository in the sub claim can be assumed from a repository anyone can create.",
        Remediation = new Remediation(
            Steps: "Edit the role's trust policy. Require token.actions.githubusercontent.com:aud to equal sts.amazonaws.com, and limit "
                + "token.actions.githubusercontent.com:sub to values that name both owner and repository, such as "
                + "repo:my-org/my-repo:environment:production or repo:my-org/my-repo:ref:refs/heads/main. Check every value of a list: "
                + "one broad entry opens the role.",
            Cli: "cat > trust.json <<'JSON'\n"
                + "{\n"
                + "  \"Version\": \"2012-10-17\",\n"
                + "  \"Statement\": [{\n"
                + "    \"Effect\": \"Allow\",\n"
                + "    \"Principal\": {\"Federated\": \"arn:aws:iam::<account-id>:oidc-provider/token.actions.githubusercontent.com\"},\n"
                + "    \"Action\": \"sts:AssumeRoleWithWebIdentity\",\n"
                + "    \"Condition\": {\n"
                + "      \"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"},\n"
                + "      \"StringLike\": {\"token.actions.githubusercontent.com:sub\": \"repo:my-org/my-repo:environment:production\"}\n"
                + "    }\n"
                + "  }]\n"
                + "}\n"
                + "JSON\n"
                + "aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json",
            Terraform: "data \"aws_iam_policy_document\" \"github_trust\" {\n"
                + "  statement {\n"
                + "    actions = [\"sts:AssumeRoleWithWebIdentity\"]\n"
                + "    principals {\n"
                + "      type        = \"Federated\"\n"
                + "      identifiers = [aws_iam_openid_connect_provider.github.arn]\n"
                + "    }\n"
                + "    condition {\n"
                + "      test     = \"StringEquals\"\n"
                + "      variable = \"token.actions.githubusercontent.com:aud\"\n"
                + "      values   = [\"sts.amazonaws.com\"]\n"
                + "    }\n"
                + "    condition {\n"
                + "      test     = \"StringLike\"\n"
                + "      variable = \"token.actions.githubusercontent.com:sub\"\n"
                + "      values   = [\"repo:my-org/my-repo:environment:production\"]\n"
                + "    }\n"
                + "  }\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html",
            "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services",
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

        // Set once a role gets a result: only then is "no role trusts GitHub" unproven.
        var anyResult = false;
        foreach (var role in inventory.Iam.Roles)
        {
            if (role.AssumeRolePolicyDocument is null)
            {
                // Every role has a trust policy, so a missing one is missing data; it may well trust GitHub.
                yield return Result(ResultStatus.Error, Regions.Global, role.RoleName, role.Arn, "trust policy was not collected", []);
                anyResult = true;
                continue;
            }

            var parsed = PolicyDocument.Parse(role.AssumeRolePolicyDocument);
            if (!parsed.Succeeded)
            {
                yield return Result(ResultStatus.Error, Regions.Global, role.RoleName, role.Arn, $"trust policy could not be parsed: {parsed.Error}", []);
                anyResult = true;
                continue;
            }

            var grants = GitHubGrants(parsed.Document).ToList();
            if (grants.Count == 0)
            {
                continue;
            }

            anyResult = true;
            var problems = grants.SelectMany(g => Problems(g, grants.Count > 1)).ToList();
            (string, string)[] evidence =
            [
                ("scope", PolicyContext.JoinValues(grants.SelectMany(g => ScopingConditions(g).SelectMany(c => c.Values)))),
                ("aud", PolicyContext.JoinValues(grants.SelectMany(g => g.Matching("aud").SelectMany(c => c.Values)))),
            ];
            yield return problems.Count == 0
                ? Pass(Regions.Global, role.RoleName, role.Arn, "GitHub OIDC trust names the allowed repositories and requires the sts.amazonaws.com audience", evidence)
                : Fail(Regions.Global, role.RoleName, role.Arn, string.Join("; ", problems), evidence);
        }

        if (!anyResult && listError is null)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "no IAM role trusts the GitHub Actions OIDC provider");
        }
    }

    /// <summary>Web-identity grants whose provider is GitHub Actions: token.actions.githubusercontent.com, or an enterprise issuer below it.</summary>
    private static IEnumerable<OidcGrant> GitHubGrants(PolicyDocument document) =>
        OidcTrust.Grants(document).Where(g => IsGitHub(g.Provider));

    internal static bool IsGitHub(string provider) =>
        string.Equals(provider, GitHubIssuer, StringComparison.OrdinalIgnoreCase)
        || provider.StartsWith(GitHubIssuer + "/", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Problems(OidcGrant grant, bool nameStatement)
    {
        var prefix = grant.Prefix(nameStatement);
        var scoping = ScopingConditions(grant).ToList();
        if (scoping.Count == 0)
        {
            yield return prefix + "no condition on the sub claim, so any GitHub repository can assume the role";
        }
        else if (!scoping.Any(c => c.Values.Count > 0 && c.Values.All(v => PinsRepository(grant, c, v))))
        {
            // Separate conditions must all hold, so one condition whose every value pins a repository would have been enough.
            var broad = scoping.SelectMany(c => c.Values.Where(v => !PinsRepository(grant, c, v))).Distinct(StringComparer.Ordinal).ToList();
            yield return prefix + (broad.Count == 0
                ? "the sub condition has no values"
                : $"sub allows {PolicyContext.JoinValues(broad)}, which does not pin both owner and repository");
        }

        if (OidcTrust.AudienceProblem(grant, nameStatement, OidcTrust.StsAudience) is { } audience)
        {
            yield return audience;
        }
    }

    private static IEnumerable<PolicyCondition> ScopingConditions(OidcGrant grant) =>
        grant.Statement.Conditions.Where(c => OidcTrust.IsStringMatch(c)
            && (string.Equals(c.Key, grant.Key("sub"), StringComparison.OrdinalIgnoreCase)
                || string.Equals(c.Key, grant.Key("job_workflow_ref"), StringComparison.OrdinalIgnoreCase)));

    private static bool PinsRepository(OidcGrant grant, PolicyCondition condition, string value) =>
        string.Equals(condition.Key, grant.Key("sub"), StringComparison.OrdinalIgnoreCase)
            ? SubjectPinsRepository(value)
            : WorkflowRefPinsRepository(value);

    /// <summary>
    /// A sub value pins a repository when, reading its claim:value pairs from the start, it reaches repo:owner/name
    /// (or repository_id:digits) with no wildcard before or inside it. "*", "repo:*", "repo:org/*", "repo:org*" and
    /// "repository_owner:org" (a customised sub naming only the owner) do not.
    /// </summary>
    private static bool SubjectPinsRepository(string value)
    {
        var parts = value.Split(':');
        for (var i = 0; i + 1 < parts.Length; i += 2)
        {
            var (claim, claimValue) = (parts[i], parts[i + 1]);
            if (IsPattern(claim))
            {
                return false;
            }

            if (claim.Equals("repo", StringComparison.OrdinalIgnoreCase) || claim.Equals("repository", StringComparison.OrdinalIgnoreCase))
            {
                var slash = claimValue.IndexOf('/', StringComparison.Ordinal);
                return slash > 0 && slash < claimValue.Length - 1 && claimValue.IndexOf('/', slash + 1) < 0 && !IsPattern(claimValue);
            }

            if (claim.Equals("repository_id", StringComparison.OrdinalIgnoreCase))
            {
                return claimValue.Length > 0 && claimValue.All(char.IsAsciiDigit);
            }

            if (IsPattern(claimValue))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>A job_workflow_ref value (owner/repo/path@ref) pins a repository when its owner and repo segments are literal.</summary>
    private static bool WorkflowRefPinsRepository(string value)
    {
        var segments = value.Split('/');
        return segments.Length >= 3
            && segments[0].Length > 0 && !IsPattern(segments[0])
            && segments[1].Length > 0 && !IsPattern(segments[1]);
    }

    private static bool IsPattern(string text) => OidcTrust.IsPattern(text);
}
