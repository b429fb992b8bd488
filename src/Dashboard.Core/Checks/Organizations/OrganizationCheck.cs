using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Organizations;

/// <summary>
/// Base for the CIS v7 2.1 Organizations checks. A failed call is an Error; an account outside any organization gets one
/// NotApplicable; a member account that cannot see the structure gets what <see cref="MemberView"/> returns (by default
/// NotApplicable, as the verdict belongs to the management or delegated administrator account).
/// </summary>
public abstract class OrganizationCheck : Check
{
    public sealed override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        var organization = inventory.Organization;
        if (ErrorFor(context, Regions.Global) is { } error)
        {
            return [Error(Regions.Global, organization?.Id ?? inventory.AccountId, organization is null ? null : Arn(inventory, organization), error)];
        }

        if (organization is null)
        {
            return [NotApplicable(Regions.Global, inventory.AccountId, null, "the account is not a member of an AWS Organization")];
        }

        return organization.StructureVisible ? EvaluateOrganization(context, organization) : MemberView(context, organization);
    }

    protected abstract IEnumerable<CheckResult> EvaluateOrganization(EvaluationContext context, OrganizationData organization);

    protected virtual IEnumerable<CheckResult> MemberView(EvaluationContext context, OrganizationData organization) =>
    [
        NotApplicable(Regions.Global, organization.Id, Arn(context.Inventory, organization),
            "this member account cannot see the organization's structure; the result comes from the management or delegated administrator account",
            ("managementAccount", organization.MasterAccountId)),
    ];

    protected static string Arn(AccountInventory inventory, OrganizationData organization) =>
        $"arn:{inventory.Partition}:organizations::{organization.MasterAccountId}:organization/{organization.Id}";

    protected static string AccountArn(AccountInventory inventory, OrganizationData organization, string accountId) =>
        $"arn:{inventory.Partition}:organizations::{organization.MasterAccountId}:account/{organization.Id}/{accountId}";

    protected static string AccountLabel(OrganizationData organization, string accountId) =>
        organization.Accounts.FirstOrDefault(a => a.Id == accountId) is { } account ? $"{account.Name} ({accountId})" : accountId;

    protected static string List(IEnumerable<string> items)
    {
        var text = string.Join(", ", items);
        return text.Length == 0 ? "none" : text;
    }
}
