using System.Runtime.CompilerServices;
using Dashboard.Core.Inventory;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Checks.Iam;

/// <summary>One identity policy as a check sees it: where it comes from and its document (null when not collected).</summary>
/// <param name="Name">Readable origin, e.g. "AdministratorAccess" or "inline ci-deploy".</param>
/// <param name="PolicyArn">The managed policy's ARN; null for inline policies.</param>
internal sealed record IdentityPolicy(string Name, string? PolicyArn, bool IsAwsManaged, string? Document)
{
    public PolicyAnalysis Analyze() =>
        Document is null ? new PolicyAnalysis(PolicyParseResult.Failed("the document was not collected")) : PolicyAnalysis.Of(Document);
}

/// <summary>Finds the identity policies that apply to IAM principals, from the account authorization details.</summary>
internal static class IamPolicies
{
    /// <summary>The default version's document of a managed policy, from DefaultVersionDocument or the version list.</summary>
    public static string? DefaultDocument(IamManagedPolicy policy) =>
        policy.DefaultVersionDocument ?? policy.Versions.FirstOrDefault(v => v.IsDefaultVersion)?.Document;

    public static IReadOnlyList<IdentityPolicy> Of(IamData iam, IamRole role) =>
        [.. Attached(iam, role.AttachedManagedPolicies), .. Inline(role.InlinePolicies)];

    /// <summary>A user's own policies and those of every group it belongs to.</summary>
    public static IReadOnlyList<IdentityPolicy> Of(IamData iam, IamUser user)
    {
        var groups = iam.Groups.Where(g => user.GroupNames.Contains(g.GroupName, StringComparer.Ordinal)).ToList();
        return
        [
            .. Attached(iam, user.AttachedManagedPolicies),
            .. Inline(user.InlinePolicies),
            .. groups.SelectMany(g => Attached(iam, g.AttachedManagedPolicies).Concat(Inline(g.InlinePolicies, $"group {g.GroupName} "))),
        ];
    }

    /// <summary>Combines a principal's policies into one analysis, as IAM evaluates them together.</summary>
    public static PolicyAnalysis Combined(IEnumerable<IdentityPolicy> policies) =>
        PolicyAnalysis.Combine(policies.Select(p => (p.Name, p.Analyze())));

    /// <summary>The managed policy with this ARN as the inventory holds it, or null when it is not there.</summary>
    public static IamManagedPolicy? Find(IamData iam, string arn) =>
        PoliciesByArn.GetValue(iam, data => data.Policies.GroupBy(p => p.Arn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal))
            .GetValueOrDefault(arn);

    // Principals look up their attached policies by ARN: one index per (immutable) IamData instead of a scan per lookup.
    private static readonly ConditionalWeakTable<IamData, Dictionary<string, IamManagedPolicy>> PoliciesByArn = new();

    private static IEnumerable<IdentityPolicy> Attached(IamData iam, IEnumerable<AttachedPolicy> attached) =>
        attached.Select(a => Find(iam, a.PolicyArn) is { } policy
            ? new IdentityPolicy(a.PolicyName, a.PolicyArn, policy.IsAwsManaged, DefaultDocument(policy))
            : new IdentityPolicy(a.PolicyName, a.PolicyArn, a.PolicyArn.Contains(":aws:policy/", StringComparison.Ordinal), null));

    private static IEnumerable<IdentityPolicy> Inline(IEnumerable<InlinePolicy> inline, string prefix = "") =>
        inline.Select(p => new IdentityPolicy($"{prefix}inline {p.PolicyName}", null, false, p.Document));
}
