using Dashboard.Core.Inventory;

namespace Dashboard.Core.Tests.Checks.Organizations;

/// <summary>A small organization: root r-root, OUs Security and Workloads/Prod, four accounts, seen from the management account.</summary>
internal static class OrgTestData
{
    public const string OrgId = "o-abc123def4";
    public const string Management = "111111111111";
    public const string Security = "222222222222";
    public const string Prod = "333333333333";
    public const string Sandbox = "444444444444";

    public static OrganizationData Organization() => new()
    {
        Id = OrgId,
        MasterAccountId = Management,
        StructureVisible = true,
        OrganizationalUnits =
        [
            new OrganizationalUnit("ou-sec", "Security", "r-root"),
            new OrganizationalUnit("ou-work", "Workloads", "r-root"),
            new OrganizationalUnit("ou-prod", "Prod", "ou-work"),
        ],
        Accounts =
        [
            new OrganizationAccount(Management, "management", "aws-mgmt@example.com", "ACTIVE", "r-root"),
            new OrganizationAccount(Security, "security-tooling", "aws-security@example.com", "ACTIVE", "ou-sec"),
            new OrganizationAccount(Prod, "prod", "aws-prod@example.com", "ACTIVE", "ou-prod"),
            new OrganizationAccount(Sandbox, "sandbox", "aws-sandbox@example.com", "ACTIVE", "r-root"),
        ],
    };

    public static AccountInventory Scanned(OrganizationData? organization, string accountId = Management) =>
        TestInventory.Empty() with { AccountId = accountId, Organization = organization };

    public static OrganizationData MemberView() => new() { Id = OrgId, MasterAccountId = Management, StructureVisible = false };
}
