namespace Dashboard.Core.Checks;

/// <summary>
/// The collection calls that checks depend on, declared once so that a check's service, operation and IAM action
/// never drift apart from another check reading the same data.
/// </summary>
internal static class Sources
{
    public static readonly DataSource IamAccountSummary = new("iam", "GetAccountSummary", "iam:GetAccountSummary");
    public static readonly DataSource IamPasswordPolicy = new("iam", "GetAccountPasswordPolicy", "iam:GetAccountPasswordPolicy");
    public static readonly DataSource IamGenerateCredentialReport = new("iam", "GenerateCredentialReport", "iam:GenerateCredentialReport");
    public static readonly DataSource IamGetCredentialReport = new("iam", "GetCredentialReport", "iam:GetCredentialReport");
    public static readonly DataSource IamAuthorizationDetails = new("iam", "GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails");
    public static readonly DataSource IamVirtualMfaDevices = new("iam", "ListVirtualMFADevices", "iam:ListVirtualMFADevices");
    public static readonly DataSource IamServerCertificates = new("iam", "ListServerCertificates", "iam:ListServerCertificates");
    public static readonly DataSource IamSamlProviders = new("iam", "ListSAMLProviders", "iam:ListSAMLProviders");
    public static readonly DataSource IamOrganizationsFeatures = new("iam", "ListOrganizationsFeatures", "iam:ListOrganizationsFeatures");

    public static readonly DataSource AccountContactInformation = new("account", "GetContactInformation", "account:GetContactInformation");
    public static readonly DataSource AccountAlternateContact = new("account", "GetAlternateContact", "account:GetAlternateContact");

    public static readonly DataSource OrganizationsDescribe = new("organizations", "DescribeOrganization", "organizations:DescribeOrganization");
    public static readonly DataSource OrganizationsAccounts = new("organizations", "ListAccounts", "organizations:ListAccounts");
    public static readonly DataSource OrganizationsUnits = new("organizations", "ListOrganizationalUnitsForParent", "organizations:ListOrganizationalUnitsForParent");
    public static readonly DataSource OrganizationsPolicies = new("organizations", "ListPolicies", "organizations:ListPolicies");
    public static readonly DataSource OrganizationsPolicyTargets = new("organizations", "ListTargetsForPolicy", "organizations:ListTargetsForPolicy");
    public static readonly DataSource OrganizationsDelegatedAdministrators = new("organizations", "ListDelegatedAdministrators", "organizations:ListDelegatedAdministrators");
    public static readonly DataSource OrganizationsDelegatedServices = new("organizations", "ListDelegatedServicesForAccount", "organizations:ListDelegatedServicesForAccount");
    public static readonly DataSource OrganizationsServiceAccess = new("organizations", "ListAWSServiceAccessForOrganization", "organizations:ListAWSServiceAccessForOrganization");
    public static readonly DataSource OrganizationsResourcePolicy = new("organizations", "DescribeResourcePolicy", "organizations:DescribeResourcePolicy");

    public static readonly DataSource AccessAnalyzerAnalyzers = new("access-analyzer", "ListAnalyzers", "access-analyzer:ListAnalyzers");

    public static readonly DataSource S3ListBuckets = new("s3", "ListBuckets", "s3:ListAllMyBuckets");
    public static readonly DataSource S3BucketPublicAccessBlock = new("s3", "GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock");
    public static readonly DataSource S3AccountPublicAccessBlock = new("s3control", "GetPublicAccessBlock", "s3:GetAccountPublicAccessBlock");
    public static readonly DataSource S3BucketEncryption = new("s3", "GetBucketEncryption", "s3:GetEncryptionConfiguration");
    public static readonly DataSource S3BucketPolicy = new("s3", "GetBucketPolicy", "s3:GetBucketPolicy");
    public static readonly DataSource S3BucketVersioning = new("s3", "GetBucketVersioning", "s3:GetBucketVersioning");
    public static readonly DataSource S3BucketPolicyStatus = new("s3", "GetBucketPolicyStatus", "s3:GetBucketPolicyStatus");
    public static readonly DataSource S3BucketAcl = new("s3", "GetBucketAcl", "s3:GetBucketAcl");

    public static readonly DataSource MacieSession = new("macie2", "GetMacieSession", "macie2:GetMacieSession");
    public static readonly DataSource MacieAutomatedDiscovery = new("macie2", "GetAutomatedDiscoveryConfiguration", "macie2:GetAutomatedDiscoveryConfiguration");
    public static readonly DataSource MacieClassificationJobs = new("macie2", "ListClassificationJobs", "macie2:ListClassificationJobs");

    public static readonly DataSource RdsInstances = new("rds", "DescribeDBInstances", "rds:DescribeDBInstances");
    public static readonly DataSource RdsClusters = new("rds", "DescribeDBClusters", "rds:DescribeDBClusters");

    public static readonly DataSource EfsFileSystems = new("elasticfilesystem", "DescribeFileSystems", "elasticfilesystem:DescribeFileSystems");

    public static readonly DataSource S3BucketLogging = new("s3", "GetBucketLogging", "s3:GetBucketLogging");
    public static readonly DataSource S3BucketTagging = new("s3", "GetBucketTagging", "s3:GetBucketTagging");

    public static readonly DataSource CloudTrailDescribeTrails = new("cloudtrail", "DescribeTrails", "cloudtrail:DescribeTrails");
    public static readonly DataSource CloudTrailTrailStatus = new("cloudtrail", "GetTrailStatus", "cloudtrail:GetTrailStatus");
    public static readonly DataSource CloudTrailEventSelectors = new("cloudtrail", "GetEventSelectors", "cloudtrail:GetEventSelectors");

    public static readonly DataSource Ec2SecurityGroups = new("ec2", "DescribeSecurityGroups", "ec2:DescribeSecurityGroups");
    public static readonly DataSource Ec2Instances = new("ec2", "DescribeInstances", "ec2:DescribeInstances");
    public static readonly DataSource Ec2Volumes = new("ec2", "DescribeVolumes", "ec2:DescribeVolumes");
    public static readonly DataSource Ec2EbsEncryptionByDefault = new("ec2", "GetEbsEncryptionByDefault", "ec2:GetEbsEncryptionByDefault");
    public static readonly DataSource Ec2InstanceMetadataDefaults = new("ec2", "GetInstanceMetadataDefaults", "ec2:GetInstanceMetadataDefaults");
    public static readonly DataSource Ec2Vpcs = new("ec2", "DescribeVpcs", "ec2:DescribeVpcs");
    public static readonly DataSource Ec2NetworkAcls = new("ec2", "DescribeNetworkAcls", "ec2:DescribeNetworkAcls");
    public static readonly DataSource Ec2RouteTables = new("ec2", "DescribeRouteTables", "ec2:DescribeRouteTables");
    public static readonly DataSource Ec2FlowLogs = new("ec2", "DescribeFlowLogs", "ec2:DescribeFlowLogs");
    public static readonly DataSource Ec2VpcEndpoints = new("ec2", "DescribeVpcEndpoints", "ec2:DescribeVpcEndpoints");
    public static readonly DataSource Ec2VpcPeeringConnections = new("ec2", "DescribeVpcPeeringConnections", "ec2:DescribeVpcPeeringConnections");

    public static readonly DataSource ConfigRecorders = new("config", "DescribeConfigurationRecorders", "config:DescribeConfigurationRecorders");
    public static readonly DataSource ConfigRecorderStatus = new("config", "DescribeConfigurationRecorderStatus", "config:DescribeConfigurationRecorderStatus");
    public static readonly DataSource ConfigDeliveryChannels = new("config", "DescribeDeliveryChannels", "config:DescribeDeliveryChannels");

    public static readonly DataSource LogsMetricFilters = new("logs", "DescribeMetricFilters", "logs:DescribeMetricFilters");
    public static readonly DataSource CloudWatchAlarms = new("cloudwatch", "DescribeAlarms", "cloudwatch:DescribeAlarms");
    public static readonly DataSource SnsTopicSubscriptions = new("sns", "ListSubscriptionsByTopic", "sns:ListSubscriptionsByTopic");

    public static readonly DataSource GuardDutyDetectors = new("guardduty", "ListDetectors", "guardduty:ListDetectors");
    public static readonly DataSource GuardDutyDetector = new("guardduty", "GetDetector", "guardduty:GetDetector");
    public static readonly DataSource SecurityHubHub = new("securityhub", "DescribeHub", "securityhub:DescribeHub");

    public static readonly DataSource KmsKeys = new("kms", "ListKeys", "kms:ListKeys");
    public static readonly DataSource KmsDescribeKey = new("kms", "DescribeKey", "kms:DescribeKey");
    public static readonly DataSource KmsKeyRotationStatus = new("kms", "GetKeyRotationStatus", "kms:GetKeyRotationStatus");
    public static readonly DataSource KmsResourceTags = new("kms", "ListResourceTags", "kms:ListResourceTags");

    public static readonly DataSource SecretsManagerSecrets = new("secretsmanager", "ListSecrets", "secretsmanager:ListSecrets");
    public static readonly DataSource LambdaFunctions = new("lambda", "ListFunctions", "lambda:ListFunctions");
    public static readonly DataSource LambdaTags = new("lambda", "ListTags", "lambda:ListTags");

    public static readonly DataSource KmsKeyPolicy = new("kms", "GetKeyPolicy", "kms:GetKeyPolicy");
    public static readonly DataSource LambdaPolicy = new("lambda", "GetPolicy", "lambda:GetPolicy");
    public static readonly DataSource SecretsManagerResourcePolicy = new("secretsmanager", "GetResourcePolicy", "secretsmanager:GetResourcePolicy");
}
