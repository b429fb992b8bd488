namespace Dashboard.Core.Inventory;

// Inventory records for the services beyond IAM, S3, CloudTrail and EC2. Conventions, as everywhere in the inventory:
// - a per-region dictionary holds one entry per region that was collected; a missing region was not collected
//   (look for its CollectionError) or is out of scope;
// - a null "optional" member means "not configured" only when no error was recorded for the call that returns it;
// - names follow the AWS API members so a collector maps fields one to one.

/// <summary>account:GetContactInformation and account:GetAlternateContact.</summary>
public sealed record AccountSettingsData
{
    /// <summary>Null with no error recorded: not returned.</summary>
    public ContactInformation? ContactInformation { get; init; }

    /// <summary>Alternate contacts by type (SECURITY, BILLING, OPERATIONS); a missing type is ResourceNotFoundException (not set).</summary>
    public IReadOnlyDictionary<string, AlternateContact> AlternateContacts { get; init; } = new Dictionary<string, AlternateContact>();
}

public sealed record ContactInformation(string FullName, string? CompanyName, string PhoneNumber, string CountryCode);

public sealed record AlternateContact(string AlternateContactType, string Name, string EmailAddress, string PhoneNumber, string? Title);

/// <summary>organizations:DescribeOrganization and, from a management or delegated-administrator account, its structure.</summary>
public sealed record OrganizationData
{
    public required string Id { get; init; }
    public required string MasterAccountId { get; init; }

    /// <summary>ALL or CONSOLIDATED_BILLING.</summary>
    public string FeatureSet { get; init; } = "ALL";

    /// <summary>Whether the scanned account can read the organization's structure (management or delegated admin).</summary>
    public bool StructureVisible { get; init; }

    public IReadOnlyList<OrganizationAccount> Accounts { get; init; } = [];
    public IReadOnlyList<OrganizationalUnit> OrganizationalUnits { get; init; } = [];

    /// <summary>SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY and TAG_POLICY policies with their targets.</summary>
    public IReadOnlyList<OrganizationPolicy> Policies { get; init; } = [];

    public IReadOnlyList<DelegatedAdministrator> DelegatedAdministrators { get; init; } = [];

    /// <summary>iam:ListOrganizationsFeatures: RootCredentialsManagement, RootSessions.</summary>
    public IReadOnlyList<string> EnabledIamFeatures { get; init; } = [];

    public IReadOnlyList<string> EnabledServicePrincipals { get; init; } = [];

    /// <summary>organizations:DescribeResourcePolicy: the delegation policy JSON for Organizations policy management; null with no error recorded means none.</summary>
    public string? ResourcePolicy { get; init; }
}

public sealed record OrganizationAccount(string Id, string Name, string Email, string Status, string? ParentId);

public sealed record OrganizationalUnit(string Id, string Name, string ParentId);

public sealed record OrganizationPolicy(string Id, string Name, string Type, bool AwsManaged, IReadOnlyList<string> TargetIds, string? Content);

public sealed record DelegatedAdministrator(string AccountId, IReadOnlyList<string> ServicePrincipals);

/// <summary>access-analyzer:ListAnalyzers per region.</summary>
public sealed record AccessAnalyzerData
{
    public IReadOnlyDictionary<string, IReadOnlyList<Analyzer>> AnalyzersByRegion { get; init; } = new Dictionary<string, IReadOnlyList<Analyzer>>();
}

/// <param name="Type">ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS, ORGANIZATION_UNUSED_ACCESS, ACCOUNT_INTERNAL_ACCESS, ...</param>
/// <param name="Status">ACTIVE, CREATING, DISABLED, FAILED.</param>
public sealed record Analyzer(string Name, string Arn, string Type, string Status);

/// <summary>AWS Config per region.</summary>
public sealed record ConfigData
{
    public IReadOnlyDictionary<string, ConfigRegion> Regions { get; init; } = new Dictionary<string, ConfigRegion>();
}

public sealed record ConfigRegion
{
    public IReadOnlyList<ConfigurationRecorder> Recorders { get; init; } = [];
    public IReadOnlyList<string> DeliveryChannelNames { get; init; } = [];
}

/// <param name="RecordingStrategy">ALL_SUPPORTED_RESOURCE_TYPES, INCLUSION_BY_RESOURCE_TYPES, EXCLUSION_BY_RESOURCE_TYPES, or null.</param>
/// <param name="LastStatus">From DescribeConfigurationRecorderStatus: Pending, Success, Failure, or null.</param>
public sealed record ConfigurationRecorder(
    string Name,
    bool AllSupported,
    bool IncludeGlobalResourceTypes,
    string? RecordingStrategy,
    bool Recording,
    string? LastStatus);

/// <summary>The CIS monitoring chain: CloudWatch Logs metric filters → CloudWatch alarms → SNS subscriptions.</summary>
public sealed record MonitoringData
{
    /// <summary>logs:DescribeMetricFilters for each trail's log group, keyed by the log group ARN as the trail gives it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricFilter>> MetricFiltersByLogGroupArn { get; init; } = new Dictionary<string, IReadOnlyList<MetricFilter>>();

    /// <summary>cloudwatch:DescribeAlarms (metric alarms) in each region that holds a trail log group.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricAlarm>> AlarmsByRegion { get; init; } = new Dictionary<string, IReadOnlyList<MetricAlarm>>();

    /// <summary>sns:ListSubscriptionsByTopic for every topic an alarm notifies, keyed by topic ARN.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SnsSubscription>> SubscriptionsByTopicArn { get; init; } = new Dictionary<string, IReadOnlyList<SnsSubscription>>();
}

public sealed record MetricFilter(string FilterName, string LogGroupName, string FilterPattern, IReadOnlyList<MetricTransformation> MetricTransformations);

public sealed record MetricTransformation(string MetricName, string MetricNamespace);

public sealed record MetricAlarm(string AlarmName, string AlarmArn, string? MetricName, string? Namespace, IReadOnlyList<string> AlarmActions, bool ActionsEnabled = true);

/// <param name="SubscriptionArn">A full ARN when confirmed; "PendingConfirmation" or "Deleted" otherwise.</param>
public sealed record SnsSubscription(string SubscriptionArn, string Protocol, string Endpoint)
{
    public bool IsConfirmed => SubscriptionArn.StartsWith("arn:", StringComparison.Ordinal);
}

/// <summary>guardduty:ListDetectors + GetDetector per region; an empty list for a collected region means no detector.</summary>
public sealed record GuardDutyData
{
    public IReadOnlyDictionary<string, IReadOnlyList<GuardDutyDetector>> DetectorsByRegion { get; init; } = new Dictionary<string, IReadOnlyList<GuardDutyDetector>>();
}

/// <param name="Status">ENABLED or DISABLED.</param>
public sealed record GuardDutyDetector(string DetectorId, string Status, IReadOnlyDictionary<string, string> Features);

/// <summary>securityhub:DescribeHub per region: the hub ARN, or null when the account is not subscribed there.</summary>
public sealed record SecurityHubData
{
    public IReadOnlyDictionary<string, SecurityHubHub?> HubsByRegion { get; init; } = new Dictionary<string, SecurityHubHub?>();
}

public sealed record SecurityHubHub(string HubArn, DateTimeOffset? SubscribedAt, IReadOnlyList<string> EnabledStandardArns);

/// <summary>KMS keys per region (kms:ListKeys → DescribeKey, GetKeyRotationStatus and GetKeyPolicy for customer keys).</summary>
public sealed record KmsData
{
    public IReadOnlyList<KmsKey> Keys { get; init; } = [];
}

public sealed record KmsKey
{
    public required string KeyId { get; init; }
    public required string Arn { get; init; }
    public required string Region { get; init; }

    /// <summary>AWS or CUSTOMER.</summary>
    public string KeyManager { get; init; } = "CUSTOMER";

    /// <summary>SYMMETRIC_DEFAULT, RSA_2048, HMAC_256, ...</summary>
    public string KeySpec { get; init; } = "SYMMETRIC_DEFAULT";

    /// <summary>Enabled, Disabled, PendingDeletion, PendingImport, Unavailable, ...</summary>
    public string KeyState { get; init; } = "Enabled";

    /// <summary>AWS_KMS, EXTERNAL, AWS_CLOUDHSM, EXTERNAL_KEY_STORE.</summary>
    public string Origin { get; init; } = "AWS_KMS";

    public string? Description { get; init; }

    /// <summary>Null when rotation status was not read (see errors) or the key type does not support it.</summary>
    public bool? KeyRotationEnabled { get; init; }

    /// <summary>The "default" key policy as JSON; null when not read.</summary>
    public string? Policy { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>RDS DB instances and clusters per region.</summary>
public sealed record RdsData
{
    public IReadOnlyList<RdsInstance> Instances { get; init; } = [];
    public IReadOnlyList<RdsCluster> Clusters { get; init; } = [];
}

public sealed record RdsInstance
{
    public required string DbInstanceIdentifier { get; init; }
    public required string Arn { get; init; }
    public required string Region { get; init; }
    public string Engine { get; init; } = "";
    public string? DbClusterIdentifier { get; init; }
    public bool StorageEncrypted { get; init; }
    public string? KmsKeyId { get; init; }
    public bool AutoMinorVersionUpgrade { get; init; }
    public bool PubliclyAccessible { get; init; }
    public bool MultiAz { get; init; }
    public string? DbSubnetGroupName { get; init; }
    public IReadOnlyList<string> SubnetIds { get; init; } = [];
    public IReadOnlyList<string> VpcSecurityGroupIds { get; init; } = [];
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

public sealed record RdsCluster
{
    public required string DbClusterIdentifier { get; init; }
    public required string Arn { get; init; }
    public required string Region { get; init; }
    public string Engine { get; init; } = "";
    public bool StorageEncrypted { get; init; }
    public bool MultiAz { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>elasticfilesystem:DescribeFileSystems per region.</summary>
public sealed record EfsData
{
    public IReadOnlyList<EfsFileSystem> FileSystems { get; init; } = [];
}

public sealed record EfsFileSystem
{
    public required string FileSystemId { get; init; }
    public required string Arn { get; init; }
    public required string Region { get; init; }
    public string? Name { get; init; }
    public bool Encrypted { get; init; }
    public string? KmsKeyId { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>secretsmanager:ListSecrets per region (and GetResourcePolicy per secret).</summary>
public sealed record SecretsManagerData
{
    public IReadOnlyList<Secret> Secrets { get; init; } = [];
}

public sealed record Secret
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public required string Region { get; init; }
    public bool RotationEnabled { get; init; }
    public int? RotationIntervalDays { get; init; }
    public DateTimeOffset? CreatedDate { get; init; }
    public DateTimeOffset? LastRotatedDate { get; init; }
    public DateTimeOffset? LastAccessedDate { get; init; }

    /// <summary>Set for secrets managed by another service (e.g. rds), which rotates them itself.</summary>
    public string? OwningService { get; init; }

    /// <summary>Resource policy JSON; null with no error recorded means none.</summary>
    public string? ResourcePolicy { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>lambda:ListFunctions per region (and GetPolicy per function).</summary>
public sealed record LambdaData
{
    public IReadOnlyList<LambdaFunction> Functions { get; init; } = [];
}

public sealed record LambdaFunction
{
    public required string FunctionName { get; init; }
    public required string FunctionArn { get; init; }
    public required string Region { get; init; }
    public string? Runtime { get; init; }

    /// <summary>The execution role ARN.</summary>
    public required string Role { get; init; }

    /// <summary>Names of environment variables (values are never stored).</summary>
    public IReadOnlyList<string> EnvironmentVariableNames { get; init; } = [];

    /// <summary>Resource-based policy JSON; null with no error recorded means none (ResourceNotFoundException).</summary>
    public string? Policy { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>macie2:GetMacieSession (+ automated discovery and jobs) per region.</summary>
public sealed record MacieData
{
    public IReadOnlyDictionary<string, MacieRegion> Regions { get; init; } = new Dictionary<string, MacieRegion>();
}

/// <param name="Status">ENABLED, PAUSED, or DISABLED (Macie not enabled: AccessDeniedException "Macie is not enabled" is a state, not an error).</param>
public sealed record MacieRegion(string Status, bool AutomatedDiscoveryEnabled, int ClassificationJobCount);
