using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Demo;

/// <summary>Console password of a demo user: days since it was last changed and last used (null: never used).</summary>
internal sealed record PasswordSpec(int ChangedDaysAgo, int? LastUsedDaysAgo);

/// <summary>One access key of a demo user. LastUsedDaysAgo null means never used.</summary>
internal sealed record KeySpec(bool Active, int RotatedDaysAgo, int? LastUsedDaysAgo);

/// <summary>A demo IAM user; the builder derives both the <see cref="IamUser"/> and its credential-report row from it.</summary>
internal sealed record UserSpec(string Name, int CreatedDaysAgo)
{
    public PasswordSpec? Password { get; init; }
    public bool Mfa { get; init; }
    public KeySpec? Key1 { get; init; }
    public KeySpec? Key2 { get; init; }
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Names of managed policies (defined on the builder) attached directly to the user.</summary>
    public IReadOnlyList<string> Policies { get; init; } = [];

    public IReadOnlyList<InlinePolicy> InlinePolicies { get; init; } = [];
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>A demo IAM role. Trust is the trust policy JSON.</summary>
internal sealed record RoleSpec(string Name, int CreatedDaysAgo, string Trust)
{
    public string Path { get; init; } = "/";
    public IReadOnlyList<string> Policies { get; init; } = [];
    public IReadOnlyList<InlinePolicy> InlinePolicies { get; init; } = [];
    public int? LastUsedDaysAgo { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

internal sealed record GroupSpec(string Name, params string[] Policies);

/// <summary>Deterministic, fictional AWS-style ids derived from a seed string (FNV-1a, never string.GetHashCode).</summary>
internal static class DemoIds
{
    public static string Hex16(string seed)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in seed)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>A UUID-shaped id, e.g. for KMS keys.</summary>
    public static string Uuid(string seed)
    {
        var hex = Hex16(seed) + Hex16(seed + "#2");
        return $"{hex[..8]}-{hex[8..12]}-4{hex[13..16]}-a{hex[17..20]}-{hex[20..32]}";
    }

    /// <summary>A unique-id-shaped value (AIDA..., AROA...) that is visibly a demo value.</summary>
    public static string UniqueId(string prefix, string seed) =>
        prefix + "DEMO" + Hex16(seed)[..13].ToUpperInvariant();
}

/// <summary>Small helpers that build one demo account's records with dates relative to the scan time.</summary>
internal sealed class DemoBuilder(string accountId, DateTimeOffset now)
{
    private readonly List<(string Name, string Arn, bool IsAws, string Document, string Version)> _policies = [];

    public string AccountId => accountId;

    public DateTimeOffset Now => now;

    public DateTimeOffset Ago(int days, int hours = 0, int minutes = 0) =>
        now.AddDays(-days).AddHours(-hours).AddMinutes(-minutes);

    public DateTimeOffset? AgoOrNull(int? days) => days is { } d ? Ago(d, 3, 17) : null;

    // ---- IAM ----------------------------------------------------------------------------------------------

    public void AwsManagedPolicy(string name, string path, string document, string version = "v1") =>
        _policies.Add((name, $"arn:aws:iam::aws:policy{path}{name}", true, document, version));

    public void CustomerPolicy(string name, string document, string version = "v1") =>
        _policies.Add((name, $"arn:aws:iam::{accountId}:policy/{name}", false, document, version));

    public AttachedPolicy Attach(string policyName)
    {
        var policy = _policies.Find(p => p.Name == policyName);
        if (policy.Name is null)
        {
            throw new InvalidOperationException($"demo policy {policyName} is not defined");
        }

        return new AttachedPolicy(policy.Name, policy.Arn);
    }

    public IamUser User(UserSpec spec) => new()
    {
        UserName = spec.Name,
        Arn = $"arn:aws:iam::{accountId}:user/{spec.Name}",
        UserId = DemoIds.UniqueId("AIDA", accountId + "/user/" + spec.Name),
        CreateDate = Ago(spec.CreatedDaysAgo, 5, 41),
        GroupNames = spec.Groups,
        AttachedManagedPolicies = spec.Policies.Select(Attach).ToArray(),
        InlinePolicies = spec.InlinePolicies,
        Tags = spec.Tags,
    };

    public CredentialReportRow CredentialRow(UserSpec spec) => new()
    {
        User = spec.Name,
        Arn = $"arn:aws:iam::{accountId}:user/{spec.Name}",
        UserCreationTime = Ago(spec.CreatedDaysAgo, 5, 41),
        PasswordEnabled = spec.Password is not null,
        PasswordLastChanged = spec.Password is { } p ? Ago(p.ChangedDaysAgo, 2, 9) : null,
        PasswordLastUsed = AgoOrNull(spec.Password?.LastUsedDaysAgo),
        MfaActive = spec.Mfa,
        AccessKey1Active = spec.Key1?.Active ?? false,
        AccessKey1LastRotated = spec.Key1 is { } k1 ? Ago(k1.RotatedDaysAgo, 1, 12) : null,
        AccessKey1LastUsedDate = AgoOrNull(spec.Key1?.LastUsedDaysAgo),
        AccessKey2Active = spec.Key2?.Active ?? false,
        AccessKey2LastRotated = spec.Key2 is { } k2 ? Ago(k2.RotatedDaysAgo, 4, 33) : null,
        AccessKey2LastUsedDate = AgoOrNull(spec.Key2?.LastUsedDaysAgo),
    };

    public IamRole Role(RoleSpec spec) => new()
    {
        RoleName = spec.Name,
        Arn = $"arn:aws:iam::{accountId}:role{spec.Path}{spec.Name}",
        RoleId = DemoIds.UniqueId("AROA", accountId + "/role/" + spec.Name),
        Path = spec.Path,
        CreateDate = Ago(spec.CreatedDaysAgo, 7, 2),
        AssumeRolePolicyDocument = spec.Trust,
        AttachedManagedPolicies = spec.Policies.Select(Attach).ToArray(),
        InlinePolicies = spec.InlinePolicies,
        LastUsedDate = AgoOrNull(spec.LastUsedDaysAgo),
        Tags = spec.Tags,
    };

    public IamGroup Group(GroupSpec spec) => new()
    {
        GroupName = spec.Name,
        Arn = $"arn:aws:iam::{accountId}:group/{spec.Name}",
        AttachedManagedPolicies = spec.Policies.Select(Attach).ToArray(),
    };

    /// <summary>Customer-managed policies, plus AWS-managed ones that are attached somewhere, with attachment counts.</summary>
    public IReadOnlyList<IamManagedPolicy> ManagedPolicies(IEnumerable<IamUser> users, IEnumerable<IamGroup> groups, IEnumerable<IamRole> roles)
    {
        var attached = users.SelectMany(u => u.AttachedManagedPolicies)
            .Concat(groups.SelectMany(g => g.AttachedManagedPolicies))
            .Concat(roles.SelectMany(r => r.AttachedManagedPolicies))
            .GroupBy(a => a.PolicyArn, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        return _policies
            .Where(p => !p.IsAws || attached.ContainsKey(p.Arn))
            .Select(p => new IamManagedPolicy
            {
                PolicyName = p.Name,
                Arn = p.Arn,
                IsAwsManaged = p.IsAws,
                AttachmentCount = attached.GetValueOrDefault(p.Arn),
                DefaultVersionId = p.Version,
                DefaultVersionDocument = p.Document,
            })
            .ToArray();
    }

    public OidcProvider GitHubOidcProvider() => new()
    {
        Arn = $"arn:aws:iam::{accountId}:oidc-provider/{DemoPolicies.GitHubIssuer}",
        Url = DemoPolicies.GitHubIssuer,
        ClientIds = ["sts.amazonaws.com"],
    };

    /// <summary>An iam:GetAccountSummary map consistent with the users, roles and policies of the account.</summary>
    public static Dictionary<string, int> AccountSummary(IamData iam, bool rootMfa, bool rootKeys, bool rootPassword, int instanceProfiles) => new(StringComparer.Ordinal)
    {
        ["Users"] = iam.Users.Count,
        ["UsersQuota"] = 5000,
        ["Groups"] = iam.Groups.Count,
        ["GroupsQuota"] = 300,
        ["Roles"] = iam.Roles.Count,
        ["RolesQuota"] = 1000,
        ["Policies"] = iam.Policies.Count(p => !p.IsAwsManaged),
        ["PoliciesQuota"] = 1500,
        ["PolicyVersionsInUse"] = iam.Policies.Sum(p => p.AttachmentCount),
        ["PolicyVersionsInUseQuota"] = 10000,
        ["InstanceProfiles"] = instanceProfiles,
        ["InstanceProfilesQuota"] = 1000,
        ["Providers"] = iam.OidcProviders.Count + iam.SamlProviderArns.Count,
        ["MFADevices"] = iam.CredentialReport.Count(r => r.MfaActive),
        ["MFADevicesInUse"] = iam.CredentialReport.Count(r => r.MfaActive),
        ["AccountMFAEnabled"] = rootMfa ? 1 : 0,
        ["AccountAccessKeysPresent"] = rootKeys ? 1 : 0,
        ["AccountPasswordPresent"] = rootPassword ? 1 : 0,
        ["AccountSigningCertificatesPresent"] = 0,
        ["ServerCertificates"] = iam.ServerCertificates.Count,
        ["ServerCertificatesQuota"] = 20,
        ["AccessKeysPerUserQuota"] = 2,
        ["AttachedPoliciesPerUserQuota"] = 10,
        ["AttachedPoliciesPerGroupQuota"] = 10,
        ["AttachedPoliciesPerRoleQuota"] = 10,
        ["GroupsPerUserQuota"] = 10,
        ["SigningCertificatesPerUserQuota"] = 2,
        ["AssumeRolePolicySizeQuota"] = 2048,
        ["PolicySizeQuota"] = 6144,
        ["VersionsPerPolicyQuota"] = 5,
        ["GlobalEndpointTokenVersion"] = 1,
    };

    // ---- EC2 ----------------------------------------------------------------------------------------------

    public string VpcId(string region, string name) => "vpc-0" + DemoIds.Hex16($"{accountId}/{region}/vpc/{name}");

    public string SecurityGroupId(string region, string vpcId, string name) => "sg-0" + DemoIds.Hex16($"{accountId}/{region}/{vpcId}/sg/{name}");

    public SecurityGroup SecurityGroup(string region, string vpcId, string name, string description, IReadOnlyList<IpPermission> ingress,
        IReadOnlyDictionary<string, string>? tags = null, IReadOnlyList<IpPermission>? egress = null) => new()
        {
            GroupId = SecurityGroupId(region, vpcId, name),
            GroupName = name,
            Region = region,
            VpcId = vpcId,
            Description = description,
            Ingress = ingress,
            Egress = egress ?? [Rules.AllTraffic("0.0.0.0/0")],
            Tags = tags ?? new Dictionary<string, string>(),
        };

    /// <summary>The default security group of a VPC: all traffic from members of itself, all traffic out.</summary>
    public SecurityGroup DefaultSecurityGroup(string region, string vpcId)
    {
        var id = SecurityGroupId(region, vpcId, "default");
        return new SecurityGroup
        {
            GroupId = id,
            GroupName = "default",
            Region = region,
            VpcId = vpcId,
            Description = "default VPC security group",
            Ingress = [new IpPermission("-1", null, null, [], [], [], [id])],
            Egress = [Rules.AllTraffic("0.0.0.0/0")],
        };
    }

    public Ec2Instance Instance(string region, string vpcId, string name, string instanceType, string state, string httpTokens, int launchedDaysAgo,
        string project, string managedBy, string? instanceProfile = null, string httpEndpoint = "enabled", string environment = "production") => new()
        {
            InstanceId = "i-0" + DemoIds.Hex16($"{accountId}/{region}/instance/{name}"),
            Region = region,
            State = state,
            InstanceType = instanceType,
            VpcId = vpcId,
            IamInstanceProfileArn = instanceProfile is null ? null : $"arn:aws:iam::{accountId}:instance-profile/{instanceProfile}",
            LaunchTime = Ago(launchedDaysAgo, 9, 26),
            MetadataOptions = new InstanceMetadataOptions(httpTokens, httpEndpoint, "applied"),
            Tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Name"] = name,
                ["Environment"] = environment,
                ["Project"] = project,
                ["ManagedBy"] = managedBy,
            },
        };

    // ---- KMS / S3 -----------------------------------------------------------------------------------------

    public string KmsKeyArn(string region, string alias) => $"arn:aws:kms:{region}:{accountId}:key/{DemoIds.Uuid(accountId + region + alias)}";

    public static Dictionary<string, string> Tags(params (string Key, string Value)[] tags) =>
        tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
}

/// <summary>Security group rule shorthands. CIDRs containing ':' are IPv6.</summary>
internal static class Rules
{
    public static IpPermission Tcp(int port, params string[] cidrs) => TcpRange(port, port, cidrs);

    public static IpPermission TcpRange(int from, int to, params string[] cidrs) =>
        new("tcp", from, to, V4(cidrs), V6(cidrs), [], []);

    public static IpPermission Udp(int port, params string[] cidrs) =>
        new("udp", port, port, V4(cidrs), V6(cidrs), [], []);

    public static IpPermission AllTraffic(params string[] cidrs) =>
        new("-1", null, null, V4(cidrs), V6(cidrs), [], []);

    public static IpPermission TcpFromGroup(int port, string groupId) =>
        new("tcp", port, port, [], [], [], [groupId]);

    public static IpPermission IcmpPing(params string[] cidrs) =>
        new("icmp", 8, -1, V4(cidrs), V6(cidrs), [], []);

    private static string[] V4(string[] cidrs) => cidrs.Where(c => !c.Contains(':', StringComparison.Ordinal)).ToArray();

    private static string[] V6(string[] cidrs) => cidrs.Where(c => c.Contains(':', StringComparison.Ordinal)).ToArray();
}
