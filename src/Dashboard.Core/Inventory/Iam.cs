namespace Dashboard.Core.Inventory;

public sealed record IamData
{
    /// <summary>iam:GetAccountSummary SummaryMap (AccountMFAEnabled, AccountAccessKeysPresent, AccountPasswordPresent, ...).</summary>
    public IReadOnlyDictionary<string, int>? AccountSummary { get; init; }

    /// <summary>iam:GetAccountPasswordPolicy; null with no error recorded means NoSuchEntity (no policy set).</summary>
    public PasswordPolicy? PasswordPolicy { get; init; }

    /// <summary>Rows of the credential report, including the &lt;root_account&gt; row.</summary>
    public IReadOnlyList<CredentialReportRow> CredentialReport { get; init; } = [];

    public IReadOnlyList<IamUser> Users { get; init; } = [];
    public IReadOnlyList<IamRole> Roles { get; init; } = [];
    public IReadOnlyList<IamGroup> Groups { get; init; } = [];

    /// <summary>Customer-managed and attached AWS-managed policies, with the default version's document.</summary>
    public IReadOnlyList<IamManagedPolicy> Policies { get; init; } = [];

    public IReadOnlyList<OidcProvider> OidcProviders { get; init; } = [];
    public IReadOnlyList<string> SamlProviderArns { get; init; } = [];

    /// <summary>iam:ListVirtualMFADevices (AssignmentStatus=Any).</summary>
    public IReadOnlyList<VirtualMfaDevice> VirtualMfaDevices { get; init; } = [];

    /// <summary>iam:ListServerCertificates.</summary>
    public IReadOnlyList<ServerCertificate> ServerCertificates { get; init; } = [];

    /// <summary>Instance profiles with the roles they hold (from GetAccountAuthorizationDetails' role details).</summary>
    public IReadOnlyList<InstanceProfile> InstanceProfiles { get; init; } = [];
}

/// <param name="UserArn">The user the device is assigned to; null when unassigned. The root user's ARN ends in ":root".</param>
public sealed record VirtualMfaDevice(string SerialNumber, string? UserArn, DateTimeOffset? EnableDate);

public sealed record ServerCertificate(string ServerCertificateName, string Arn, DateTimeOffset? Expiration, DateTimeOffset? UploadDate);

public sealed record InstanceProfile(string InstanceProfileName, string Arn, IReadOnlyList<string> RoleNames);

public sealed record PasswordPolicy
{
    public int MinimumPasswordLength { get; init; }
    public bool RequireSymbols { get; init; }
    public bool RequireNumbers { get; init; }
    public bool RequireUppercaseCharacters { get; init; }
    public bool RequireLowercaseCharacters { get; init; }
    public bool AllowUsersToChangePassword { get; init; }
    public int? MaxPasswordAge { get; init; }
    public int? PasswordReusePrevention { get; init; }
    public bool HardExpiry { get; init; }
}

/// <summary>One credential report row. Dates are null where the report says N/A, not_supported or no_information.</summary>
public sealed record CredentialReportRow
{
    public const string RootUserName = "<root_account>";

    public required string User { get; init; }
    public required string Arn { get; init; }
    public DateTimeOffset? UserCreationTime { get; init; }
    public bool PasswordEnabled { get; init; }
    public DateTimeOffset? PasswordLastUsed { get; init; }
    public DateTimeOffset? PasswordLastChanged { get; init; }
    public bool MfaActive { get; init; }
    public bool AccessKey1Active { get; init; }
    public DateTimeOffset? AccessKey1LastRotated { get; init; }
    public DateTimeOffset? AccessKey1LastUsedDate { get; init; }
    public bool AccessKey2Active { get; init; }
    public DateTimeOffset? AccessKey2LastRotated { get; init; }
    public DateTimeOffset? AccessKey2LastUsedDate { get; init; }

    public bool IsRoot => User == RootUserName;
}

public sealed record IamUser
{
    public required string UserName { get; init; }
    public required string Arn { get; init; }
    public string UserId { get; init; } = "";
    public string Path { get; init; } = "/";
    public DateTimeOffset? CreateDate { get; init; }
    public IReadOnlyList<AttachedPolicy> AttachedManagedPolicies { get; init; } = [];
    public IReadOnlyList<InlinePolicy> InlinePolicies { get; init; } = [];
    public IReadOnlyList<string> GroupNames { get; init; } = [];
    public string? PermissionsBoundaryArn { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

public sealed record IamRole
{
    public required string RoleName { get; init; }
    public required string Arn { get; init; }
    public string RoleId { get; init; } = "";
    public string Path { get; init; } = "/";
    public DateTimeOffset? CreateDate { get; init; }

    /// <summary>The trust policy as JSON text, already URL-decoded exactly once.</summary>
    public string? AssumeRolePolicyDocument { get; init; }

    public IReadOnlyList<AttachedPolicy> AttachedManagedPolicies { get; init; } = [];
    public IReadOnlyList<InlinePolicy> InlinePolicies { get; init; } = [];
    public string? PermissionsBoundaryArn { get; init; }
    public DateTimeOffset? LastUsedDate { get; init; }
    public string? LastUsedRegion { get; init; }
    public IReadOnlyList<string> InstanceProfileNames { get; init; } = [];
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

public sealed record IamGroup
{
    public required string GroupName { get; init; }
    public required string Arn { get; init; }
    public IReadOnlyList<AttachedPolicy> AttachedManagedPolicies { get; init; } = [];
    public IReadOnlyList<InlinePolicy> InlinePolicies { get; init; } = [];
}

public sealed record AttachedPolicy(string PolicyName, string PolicyArn);

/// <summary>An inline policy; Document is JSON text, already URL-decoded.</summary>
public sealed record InlinePolicy(string PolicyName, string? Document);

public sealed record IamManagedPolicy
{
    public required string PolicyName { get; init; }
    public required string Arn { get; init; }
    public bool IsAwsManaged { get; init; }
    public int AttachmentCount { get; init; }
    public string DefaultVersionId { get; init; } = "v1";

    /// <summary>The default version's document as JSON text, already URL-decoded.</summary>
    public string? DefaultVersionDocument { get; init; }

    public string Path { get; init; } = "/";

    /// <summary>Every version (GetAccountAuthorizationDetails returns them all); documents URL-decoded.</summary>
    public IReadOnlyList<IamPolicyVersion> Versions { get; init; } = [];
}

public sealed record IamPolicyVersion(string VersionId, bool IsDefaultVersion, string? Document, DateTimeOffset? CreateDate);

public sealed record OidcProvider
{
    public required string Arn { get; init; }

    /// <summary>Issuer host and path without scheme, e.g. token.actions.githubusercontent.com.</summary>
    public required string Url { get; init; }

    public IReadOnlyList<string> ClientIds { get; init; } = [];
}
