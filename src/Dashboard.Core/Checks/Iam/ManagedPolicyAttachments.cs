using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>Finds the users, groups and roles that an AWS-managed policy is attached to, from the authorization details.</summary>
internal static class ManagedPolicyAttachments
{
    public static string AwsManagedArn(string partition, string policyName) => $"arn:{partition}:iam::aws:policy/{policyName}";

    /// <summary>"user/alice", "group/Ops", "role/support" for every principal with the policy attached.</summary>
    public static IReadOnlyList<string> Of(IamData iam, string policyArn) =>
        iam.Users.Where(u => Has(u.AttachedManagedPolicies, policyArn)).Select(u => $"user/{u.UserName}")
            .Concat(iam.Groups.Where(g => Has(g.AttachedManagedPolicies, policyArn)).Select(g => $"group/{g.GroupName}"))
            .Concat(iam.Roles.Where(r => Has(r.AttachedManagedPolicies, policyArn)).Select(r => $"role/{r.RoleName}"))
            .ToList();

    private static bool Has(IEnumerable<AttachedPolicy> policies, string arn) =>
        policies.Any(p => string.Equals(p.PolicyArn, arn, StringComparison.Ordinal));
}
