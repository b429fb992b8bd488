namespace Dashboard.Aws.Pipeline;

/// <summary>The wire protocol a service speaks (botocore's metadata.protocol).</summary>
public enum AwsProtocol
{
    Query,
    Json11,
    RestJson,
    RestXml,
}

/// <summary>
/// What the SDK pipeline needs to call a service without its generated package: the model's service id (which also
/// names the endpoint-override variables), the signing name, the endpoint prefix and the protocol.
/// </summary>
/// <param name="ServiceId">The model's sdkId, e.g. "Config Service"; AWS_ENDPOINT_URL_CONFIG_SERVICE derives from it.</param>
/// <param name="SigningName">SigV4 service name, e.g. access-analyzer.</param>
/// <param name="EndpointPrefix">Host prefix of the default endpoint, e.g. monitoring for CloudWatch.</param>
/// <param name="TargetPrefix">X-Amz-Target prefix for JSON 1.1 services.</param>
/// <param name="Global">Called once per account through one endpoint (IAM, Organizations, Account).</param>
public sealed record AwsService(
    string ServiceId,
    string SigningName,
    string EndpointPrefix,
    string ApiVersion,
    AwsProtocol Protocol,
    string? TargetPrefix = null,
    bool Global = false)
{
    public static readonly AwsService Iam = new("IAM", "iam", "iam", "2010-05-08", AwsProtocol.Query, Global: true);
    public static readonly AwsService CloudTrail = new("CloudTrail", "cloudtrail", "cloudtrail", "2013-11-01", AwsProtocol.Json11, "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101");
    public static readonly AwsService AccessAnalyzer = new("AccessAnalyzer", "access-analyzer", "access-analyzer", "2019-11-01", AwsProtocol.RestJson);
    public static readonly AwsService Config = new("Config Service", "config", "config", "2014-11-12", AwsProtocol.Json11, "StarlingDoveService");
    public static readonly AwsService CloudWatchLogs = new("CloudWatch Logs", "logs", "logs", "2014-03-28", AwsProtocol.Json11, "Logs_20140328");

    // CloudWatch: query, as the Debian models and the fake speak it (aws-wire-notes.md, "Model drift").
    public static readonly AwsService CloudWatch = new("CloudWatch", "monitoring", "monitoring", "2010-08-01", AwsProtocol.Query);
    public static readonly AwsService Sns = new("SNS", "sns", "sns", "2010-03-31", AwsProtocol.Query);
    public static readonly AwsService GuardDuty = new("GuardDuty", "guardduty", "guardduty", "2017-11-28", AwsProtocol.RestJson);
    public static readonly AwsService Rds = new("RDS", "rds", "rds", "2014-10-31", AwsProtocol.Query);
    public static readonly AwsService Efs = new("EFS", "elasticfilesystem", "elasticfilesystem", "2015-02-01", AwsProtocol.RestJson);
    public static readonly AwsService SecretsManager = new("Secrets Manager", "secretsmanager", "secretsmanager", "2017-10-17", AwsProtocol.Json11, "secretsmanager");
    public static readonly AwsService SecurityHub = new("SecurityHub", "securityhub", "securityhub", "2018-10-26", AwsProtocol.RestJson);
    public static readonly AwsService Organizations = new("Organizations", "organizations", "organizations", "2016-11-28", AwsProtocol.Json11, "AWSOrganizationsV20161128", Global: true);
    public static readonly AwsService Account = new("Account", "account", "account", "2021-02-01", AwsProtocol.RestJson, Global: true);
    public static readonly AwsService Lambda = new("Lambda", "lambda", "lambda", "2015-03-31", AwsProtocol.RestJson);
    public static readonly AwsService Macie2 = new("Macie2", "macie2", "macie2", "2020-01-01", AwsProtocol.RestJson);

    // S3 Control signs as s3 and has no generated package that restores here.
    public static readonly AwsService S3Control = new("S3 Control", "s3", "s3-control", "2018-08-20", AwsProtocol.RestXml);

    public static IReadOnlyList<AwsService> All { get; } =
    [
        Iam, CloudTrail, AccessAnalyzer, Config, CloudWatchLogs, CloudWatch, Sns, GuardDuty, Rds, Efs, SecretsManager,
        SecurityHub, Organizations, Account, Lambda, Macie2, S3Control,
    ];

    /// <summary>The region a global service is signed for in a partition.</summary>
    public static string GlobalRegion(string partition) => partition switch
    {
        "aws-cn" => "cn-north-1",
        "aws-us-gov" => "us-gov-west-1",
        _ => "us-east-1",
    };

    /// <summary>The default endpoint when nothing is configured (aws, aws-cn and aws-us-gov partitions).</summary>
    public string DefaultEndpoint(string region)
    {
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        if (this == Iam)
        {
            return region switch
            {
                _ when region.StartsWith("cn-", StringComparison.Ordinal) => "https://iam.cn-north-1.amazonaws.com.cn",
                _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => "https://iam.us-gov.amazonaws.com",
                _ => "https://iam.amazonaws.com",
            };
        }

        return $"https://{EndpointPrefix}.{region}.{suffix}";
    }
}
