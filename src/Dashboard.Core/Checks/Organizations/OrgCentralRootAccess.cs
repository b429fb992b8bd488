using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Organizations;

/// <summary>
/// CIS v7 2.1.1: the organization manages member-account root credentials centrally (IAM feature RootCredentialsManagement).
/// A member account cannot read the feature list, so there the result is Manual with this account's root credential state.
/// </summary>
public sealed class OrgCentralRootAccess : OrganizationCheck
{
    private const string RootCredentialsManagement = "RootCredentialsManagement";
    private const string RootSessions = "RootSessions";

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "org_central_root_access",
        Title = "Member account root credentials are managed centrally",
        Service = "org",
        ResourceType = "AWS::Organizations::Organization",
        Severity = Severity.High,
        Rationale = "With central root access, member accounts need no root password, access keys or MFA device of their own, and the "
            + "few root-only tasks run as short sessions started from the management account. That removes dozens of unused but "
            + "powerful credentials from the organization.",
        Remediation = new Remediation(
            Steps: "In the management account, enable trusted access for IAM and turn on root credentials management and privileged root "
                + "sessions (IAM > Root access management). Then delete the existing root passwords, keys and MFA devices of member accounts.",
            Cli: "aws organizations enable-aws-service-access --service-principal iam.amazonaws.com\n"
                + "aws iam enable-organizations-root-credentials-management\n"
                + "aws iam enable-organizations-root-sessions\n"
                + "aws iam list-organizations-features",
            Terraform: "resource \"aws_organizations_organization\" \"this\" {\n"
                + "  aws_service_access_principals = [\"iam.amazonaws.com\"]\n"
                + "  feature_set                   = \"ALL\"\n"
                + "}\n\n"
                + "resource \"aws_iam_organizations_features\" \"root\" {\n"
                + "  enabled_features = [\"RootCredentialsManagement\", \"RootSessions\"]\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html",
        ],
        DataSources = [Sources.OrganizationsDescribe, Sources.IamOrganizationsFeatures, Sources.IamAccountSummary],
        ManualReview = true,
    };

    protected override IEnumerable<CheckResult> EvaluateOrganization(EvaluationContext context, OrganizationData organization)
    {
        var features = organization.EnabledIamFeatures;
        (string, string)[] evidence = [("enabledIamFeatures", List(features))];
        var arn = Arn(context.Inventory, organization);
        if (!features.Contains(RootCredentialsManagement, StringComparer.Ordinal))
        {
            yield return Fail(Regions.Global, organization.Id, arn, "root credentials management is not enabled for the organization", evidence);
        }
        else
        {
            yield return Pass(Regions.Global, organization.Id, arn,
                features.Contains(RootSessions, StringComparer.Ordinal)
                    ? "root credentials management and privileged root sessions are enabled"
                    : "root credentials management is enabled (privileged root sessions are not)",
                evidence);
        }
    }

    protected override IEnumerable<CheckResult> MemberView(EvaluationContext context, OrganizationData organization)
    {
        var summary = context.Inventory.Iam.AccountSummary;
        string Value(string key) => summary?.TryGetValue(key, out var v) == true ? v.ToString(CultureInfo.InvariantCulture) : "unknown";
        var password = Value("AccountPasswordPresent");
        yield return Manual(Regions.Global, organization.Id, Arn(context.Inventory, organization),
            password == "0"
                ? "this member account's root user has no password, which fits central root access; confirm the setting in the management account"
                : "this member account cannot read the organization's IAM features; confirm central root access in the management account and remove this account's root credentials",
            ("managementAccount", organization.MasterAccountId),
            ("AccountPasswordPresent", password),
            ("AccountAccessKeysPresent", Value("AccountAccessKeysPresent")),
            ("AccountMFAEnabled", Value("AccountMFAEnabled")));
    }
}
