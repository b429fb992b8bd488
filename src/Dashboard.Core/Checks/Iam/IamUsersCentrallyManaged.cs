using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// CIS v5 1.20 (Manual): people sign in through a central identity provider rather than as IAM users. Whether an IAM
/// user stands for a person cannot be told from the API, so the result is Manual with the evidence: identity providers,
/// organization membership and the IAM users that can sign in to the console.
/// </summary>
public sealed class IamUsersCentrallyManaged : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_users_centrally_managed",
        Title = "People sign in through a central identity provider",
        Service = "iam",
        ResourceType = "AWS::::Account",
        Severity = Severity.Medium,
        Rationale = "When people sign in through IAM Identity Center or a federated identity provider, joiners, movers and leavers are handled "
            + "once, MFA is enforced in one place, and nobody keeps a forgotten IAM password in one of many accounts.",
        Remediation = new Remediation(
            Steps: "Enable IAM Identity Center in the organization's management account (or federate with your identity provider through SAML), "
                + "give people permission sets, then remove the console passwords and access keys of IAM users that stand for people.",
            Cli: "aws sso-admin list-instances\n"
                + "aws iam list-saml-providers\n"
                + "aws iam delete-login-profile --user-name <person>",
            Terraform: "data \"aws_ssoadmin_instances\" \"this\" {}\n\n"
                + "resource \"aws_ssoadmin_permission_set\" \"readonly\" {\n"
                + "  name         = \"ReadOnly\"\n"
                + "  instance_arn = tolist(data.aws_ssoadmin_instances.this.arns)[0]\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_saml.html",
        ],
        DataSources = [Sources.IamSamlProviders, Sources.IamGenerateCredentialReport, Sources.IamGetCredentialReport, Sources.OrganizationsDescribe],
        ManualReview = true,
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        if (ErrorFor(context, Regions.Global) is { } error)
        {
            yield return Error(Regions.Global, inventory.AccountId, null, error);
            yield break;
        }

        if (inventory.Iam.CredentialReport.Count == 0)
        {
            yield return Result(ResultStatus.Error, Regions.Global, inventory.AccountId, null, "credential report was not collected", []);
            yield break;
        }

        var saml = inventory.Iam.SamlProviderArns;
        var identityCenter = saml.Any(a => a.Contains(":saml-provider/AWSSSO_", StringComparison.Ordinal));
        var consoleUsers = inventory.Iam.CredentialReport.Where(r => !r.IsRoot && r.PasswordEnabled).Select(r => r.User).ToList();
        (string, string)[] evidence =
        [
            ("samlProviders", saml.Count == 0 ? "none" : string.Join(", ", saml.Select(a => a[(a.LastIndexOf('/') + 1)..]))),
            ("identityCenterProvider", identityCenter ? "true" : "false"),
            ("organization", inventory.Organization?.Id ?? "none"),
            ("consoleUsers", consoleUsers.Count.ToString(CultureInfo.InvariantCulture)),
            ("consoleUserNames", consoleUsers.Count == 0 ? "none" : string.Join(", ", consoleUsers)),
        ];

        var reason = (saml.Count > 0, consoleUsers.Count) switch
        {
            (true, 0) => "a federated identity provider exists and no IAM user has a console password; confirm people use it",
            (true, var n) => $"a federated identity provider exists, but {n} IAM users still have console passwords; confirm none stands for a person",
            (false, 0) => "no SAML identity provider in this account and no IAM console users; confirm how people sign in",
            (false, var n) => $"no SAML identity provider in this account and {n} IAM users with console passwords; confirm whether people sign in as IAM users",
        };
        yield return Manual(Regions.Global, inventory.AccountId, null, reason, evidence);
    }
}
