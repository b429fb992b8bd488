using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>
/// Organizations (global). DescribeOrganization: AWSOrganizationsNotInUseException means "not in an organization".
/// The structure (OUs, accounts, policies, delegated administrators) is read only when ListRoots is allowed, i.e. from
/// the management account or a delegated administrator; a member account's AccessDeniedException there is a state.
/// </summary>
public sealed class OrganizationsCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions =
    [
        "organizations:DescribeOrganization", "organizations:ListRoots", "organizations:ListOrganizationalUnitsForParent",
        "organizations:ListAccounts", "organizations:ListAccountsForParent", "organizations:DescribeResourcePolicy", "organizations:ListPolicies", "organizations:ListTargetsForPolicy",
        "organizations:DescribePolicy", "organizations:ListDelegatedAdministrators", "organizations:ListDelegatedServicesForAccount",
        "organizations:ListAWSServiceAccessForOrganization", "iam:ListOrganizationsFeatures",
    ];

    private static readonly string[] PolicyTypes = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY"];
    private const string Service = "organizations";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var client = new OrganizationsClient(context.Transport, context.GlobalRegion);
        var described = await context.CallAsync(Service, Regions.Global, "DescribeOrganization", null, client.DescribeOrganizationAsync, cancellationToken, "AWSOrganizationsNotInUseException");
        if (!described.Succeeded)
        {
            return inventory => inventory with { Organization = null };
        }

        var iam = new IamClient(context.Transport, context.GlobalRegion);
        var features = await context.CallAsync("iam", Regions.Global, "ListOrganizationsFeatures", null, iam.ListOrganizationsFeaturesAsync, cancellationToken);
        var organization = new OrganizationData
        {
            Id = described.Value!.Id,
            MasterAccountId = described.Value.MasterAccountId,
            FeatureSet = described.Value.FeatureSet,
            EnabledIamFeatures = features.Value?.EnabledFeatures ?? [],
        };

        var roots = new List<string>();
        var rootsResult = await context.CallAsync(Service, Regions.Global, "ListRoots", null, c => client.ListRootsAsync(null, c), cancellationToken, "AccessDeniedException");
        if (rootsResult.Succeeded)
        {
            roots.AddRange(rootsResult.Value!.Items);
            organization = await StructureAsync(context, client, organization, roots, cancellationToken);
        }

        return inventory => inventory with { Organization = organization };
    }

    private static async Task<OrganizationData> StructureAsync(CollectionContext context, OrganizationsClient client, OrganizationData organization, List<string> roots, CancellationToken cancellationToken)
    {
        var accounts = new List<OrganizationAccount>();
        var parentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var units = new List<OrganizationalUnit>();
        var parents = new Queue<string>(roots);
        while (parents.Count > 0)
        {
            var parent = parents.Dequeue();
            await context.PageAsync(Service, Regions.Global, "ListOrganizationalUnitsForParent", parent,
                (t, c) => client.ListOrganizationalUnitsForParentAsync(parent, t, c), p => p.NextToken,
                p => p.Items.ToList().ForEach(u =>
                {
                    units.Add(new OrganizationalUnit(u.Id, u.Name, parent));
                    parents.Enqueue(u.Id);
                }), cancellationToken);
            await context.PageAsync(Service, Regions.Global, "ListAccountsForParent", parent,
                (t, c) => client.ListAccountsForParentAsync(parent, t, c), p => p.NextToken,
                p => p.Items.ToList().ForEach(a => parentOf[a.Id] = parent), cancellationToken);
        }

        // Every account from ListAccounts; its parent from the walk above (SCP inheritance needs it).
        await context.PageAsync(Service, Regions.Global, "ListAccounts", null, client.ListAccountsAsync, p => p.NextToken,
            p => accounts.AddRange(p.Items.Select(a => new OrganizationAccount(a.Id, a.Name, a.Email, a.Status, null))), cancellationToken);
        accounts = accounts.Select(a => a with { ParentId = parentOf.GetValueOrDefault(a.Id) }).ToList();

        // ResourcePolicyNotFoundException: no delegation policy (a state).
        var resourcePolicy = await context.CallAsync(Service, Regions.Global, "DescribeResourcePolicy", null, client.DescribeResourcePolicyAsync, cancellationToken, "ResourcePolicyNotFoundException");

        var policies = new List<OrganizationPolicy>();
        foreach (var type in PolicyTypes)
        {
            var summaries = new List<PolicySummary>();
            // PolicyTypeNotEnabledException: that policy type is off in this organization (a state).
            await context.PageAsync(Service, Regions.Global, "ListPolicies", type, (t, c) => client.ListPoliciesAsync(type, t, c), p => p.NextToken,
                p => summaries.AddRange(p.Items), cancellationToken, "PolicyTypeNotEnabledException");
            foreach (var summary in summaries)
            {
                var targets = new List<string>();
                await context.PageAsync(Service, Regions.Global, "ListTargetsForPolicy", summary.Id, (t, c) => client.ListTargetsForPolicyAsync(summary.Id, t, c),
                    p => p.NextToken, p => targets.AddRange(p.Items), cancellationToken);
                var content = await context.CallAsync(Service, Regions.Global, "DescribePolicy", summary.Id, c => client.DescribePolicyAsync(summary.Id, c), cancellationToken);
                policies.Add(new OrganizationPolicy(summary.Id, summary.Name, summary.Type, summary.AwsManaged, targets, content.Value));
            }
        }

        var admins = new List<DelegatedAdministrator>();
        var adminIds = new List<string>();
        await context.PageAsync(Service, Regions.Global, "ListDelegatedAdministrators", null, client.ListDelegatedAdministratorsAsync, p => p.NextToken,
            p => adminIds.AddRange(p.Items), cancellationToken);
        foreach (var id in adminIds)
        {
            var services = new List<string>();
            await context.PageAsync(Service, Regions.Global, "ListDelegatedServicesForAccount", id, (t, c) => client.ListDelegatedServicesForAccountAsync(id, t, c),
                p => p.NextToken, p => services.AddRange(p.Items), cancellationToken);
            admins.Add(new DelegatedAdministrator(id, services));
        }

        var principals = new List<string>();
        await context.PageAsync(Service, Regions.Global, "ListAWSServiceAccessForOrganization", null, client.ListAWSServiceAccessForOrganizationAsync, p => p.NextToken,
            p => principals.AddRange(p.Items), cancellationToken);

        return organization with
        {
            StructureVisible = true,
            Accounts = accounts,
            OrganizationalUnits = units,
            Policies = policies,
            DelegatedAdministrators = admins,
            EnabledServicePrincipals = principals,
            ResourcePolicy = resourcePolicy.Value,
        };
    }
}
