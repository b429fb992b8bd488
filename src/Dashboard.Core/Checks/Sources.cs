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

    public static readonly DataSource S3ListBuckets = new("s3", "ListBuckets", "s3:ListAllMyBuckets");
    public static readonly DataSource S3BucketPublicAccessBlock = new("s3", "GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock");
    public static readonly DataSource S3AccountPublicAccessBlock = new("s3control", "GetPublicAccessBlock", "s3:GetAccountPublicAccessBlock");
    public static readonly DataSource S3BucketEncryption = new("s3", "GetBucketEncryption", "s3:GetEncryptionConfiguration");
    public static readonly DataSource S3BucketPolicy = new("s3", "GetBucketPolicy", "s3:GetBucketPolicy");

    public static readonly DataSource CloudTrailDescribeTrails = new("cloudtrail", "DescribeTrails", "cloudtrail:DescribeTrails");
    public static readonly DataSource CloudTrailTrailStatus = new("cloudtrail", "GetTrailStatus", "cloudtrail:GetTrailStatus");
    public static readonly DataSource CloudTrailEventSelectors = new("cloudtrail", "GetEventSelectors", "cloudtrail:GetEventSelectors");

    public static readonly DataSource Ec2SecurityGroups = new("ec2", "DescribeSecurityGroups", "ec2:DescribeSecurityGroups");
    public static readonly DataSource Ec2Instances = new("ec2", "DescribeInstances", "ec2:DescribeInstances");

    public static readonly DataSource KmsKeys = new("kms", "ListKeys", "kms:ListKeys");
    public static readonly DataSource KmsDescribeKey = new("kms", "DescribeKey", "kms:DescribeKey");
    public static readonly DataSource KmsKeyPolicy = new("kms", "GetKeyPolicy", "kms:GetKeyPolicy");

    public static readonly DataSource LambdaFunctions = new("lambda", "ListFunctions", "lambda:ListFunctions");
    public static readonly DataSource LambdaPolicy = new("lambda", "GetPolicy", "lambda:GetPolicy");

    public static readonly DataSource SecretsManagerSecrets = new("secretsmanager", "ListSecrets", "secretsmanager:ListSecrets");
    public static readonly DataSource SecretsManagerResourcePolicy = new("secretsmanager", "GetResourcePolicy", "secretsmanager:GetResourcePolicy");
}
