using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Aws.Pipeline;

namespace Dashboard.Aws.Clients;

public sealed record OrganizationInfo(string Id, string MasterAccountId, string FeatureSet);

public sealed record OrganizationsPage<T>(IReadOnlyList<T> Items, string? NextToken);

public sealed record AccountInfo(string Id, string Name, string Email, string Status);

public sealed record OrganizationalUnitInfo(string Id, string Name);

public sealed record PolicySummary(string Id, string Name, string Type, bool AwsManaged);

/// <summary>Organizations (JSON 1.1, global), shaped like AWSSDK.Organizations.</summary>
public sealed class OrganizationsClient(IAwsTransport transport, string region) : ServiceClient(transport, AwsService.Organizations, region)
{
    public Task<OrganizationInfo> DescribeOrganizationAsync(CancellationToken cancellationToken) =>
        JsonAsync(new AwsOperation("DescribeOrganization"), root =>
        {
            var o = root.Get("Organization") ?? throw new FormatException("DescribeOrganization returned no Organization");
            return new OrganizationInfo(o.Str("Id") ?? "", o.Str("MasterAccountId") ?? "", o.Str("FeatureSet") ?? "ALL");
        }, cancellationToken);

    public Task<OrganizationsPage<string>> ListRootsAsync(string? nextToken, CancellationToken cancellationToken) =>
        Page("ListRoots", Body(nextToken), "Roots", r => r.Str("Id") ?? "", cancellationToken);

    public Task<OrganizationsPage<OrganizationalUnitInfo>> ListOrganizationalUnitsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken) =>
        Page("ListOrganizationalUnitsForParent", Body(nextToken, ("ParentId", parentId)), "OrganizationalUnits",
            u => new OrganizationalUnitInfo(u.Str("Id") ?? "", u.Str("Name") ?? ""), cancellationToken);

    public Task<OrganizationsPage<AccountInfo>> ListAccountsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken) =>
        Page("ListAccountsForParent", Body(nextToken, ("ParentId", parentId)), "Accounts",
            a => new AccountInfo(a.Str("Id") ?? "", a.Str("Name") ?? "", a.Str("Email") ?? "", a.Str("Status") ?? ""), cancellationToken);

    public Task<OrganizationsPage<AccountInfo>> ListAccountsAsync(string? nextToken, CancellationToken cancellationToken) =>
        Page("ListAccounts", Body(nextToken), "Accounts",
            a => new AccountInfo(a.Str("Id") ?? "", a.Str("Name") ?? "", a.Str("Email") ?? "", a.Str("Status") ?? ""), cancellationToken);

    /// <summary>The delegation policy (ResourcePolicy.Content); ResourcePolicyNotFoundException when there is none.</summary>
    public Task<string?> DescribeResourcePolicyAsync(CancellationToken cancellationToken) =>
        JsonAsync(new AwsOperation("DescribeResourcePolicy"), root => root.Get("ResourcePolicy")?.Str("Content"), cancellationToken);

    public Task<OrganizationsPage<PolicySummary>> ListPoliciesAsync(string filter, string? nextToken, CancellationToken cancellationToken) =>
        Page("ListPolicies", Body(nextToken, ("Filter", filter)), "Policies",
            p => new PolicySummary(p.Str("Id") ?? "", p.Str("Name") ?? "", p.Str("Type") ?? filter, p.Bool("AwsManaged")), cancellationToken);

    public Task<OrganizationsPage<string>> ListTargetsForPolicyAsync(string policyId, string? nextToken, CancellationToken cancellationToken) =>
        Page("ListTargetsForPolicy", Body(nextToken, ("PolicyId", policyId)), "Targets", t => t.Str("TargetId") ?? "", cancellationToken);

    /// <summary>The policy document (Policy.Content).</summary>
    public Task<string?> DescribePolicyAsync(string policyId, CancellationToken cancellationToken) =>
        JsonAsync(new AwsOperation("DescribePolicy") { Body = Body(null, ("PolicyId", policyId)) }, root => root.Get("Policy")?.Str("Content"), cancellationToken);

    public Task<OrganizationsPage<string>> ListDelegatedAdministratorsAsync(string? nextToken, CancellationToken cancellationToken) =>
        Page("ListDelegatedAdministrators", Body(nextToken), "DelegatedAdministrators", a => a.Str("Id") ?? "", cancellationToken);

    public Task<OrganizationsPage<string>> ListDelegatedServicesForAccountAsync(string accountId, string? nextToken, CancellationToken cancellationToken) =>
        Page("ListDelegatedServicesForAccount", Body(nextToken, ("AccountId", accountId)), "DelegatedServices", s => s.Str("ServicePrincipal") ?? "", cancellationToken);

    public Task<OrganizationsPage<string>> ListAWSServiceAccessForOrganizationAsync(string? nextToken, CancellationToken cancellationToken) =>
        Page("ListAWSServiceAccessForOrganization", Body(nextToken), "EnabledServicePrincipals", s => s.Str("ServicePrincipal") ?? "", cancellationToken);

    private Task<OrganizationsPage<T>> Page<T>(string operation, JsonObject body, string listName, Func<JsonElement, T> map, CancellationToken cancellationToken) =>
        JsonAsync(new AwsOperation(operation) { Body = body },
            root => new OrganizationsPage<T>(root.Arr(listName).Select(map).ToList(), root.Str("NextToken")), cancellationToken);

    private static JsonObject Body(string? nextToken, params (string Name, string Value)[] members)
    {
        var body = new JsonObject();
        foreach (var (name, value) in members)
        {
            body[name] = value;
        }

        if (nextToken is not null)
        {
            body["NextToken"] = nextToken;
        }

        return body;
    }
}
