namespace FakeAws.Wire;

public enum Protocol
{
    Query,
    Ec2,
    Json,
    RestJson,
    RestXml,
}

/// <summary>One AWS service as the fake sees it, keyed by the SigV4 signing name from the credential scope.</summary>
/// <param name="ModelName">The botocore model directory (iam, accessanalyzer, efs, ...).</param>
/// <param name="ActionPrefix">The IAM action prefix (iam, access-analyzer, elasticfilesystem, ...).</param>
/// <param name="Global">Global services answer in any region, enabled or not.</param>
public sealed record ServiceInfo(
    string SigningName,
    string ModelName,
    string ActionPrefix,
    Protocol Protocol,
    string? XmlNamespace,
    string ThrottleCode,
    int ThrottleStatus,
    bool Global = false,
    string JsonVersion = "1.1")
{
    public static readonly IReadOnlyDictionary<string, ServiceInfo> All = new[]
    {
        new ServiceInfo("iam", "iam", "iam", Protocol.Query, "https://iam.amazonaws.com/doc/2010-05-08/", "Throttling", 400, Global: true),
        new ServiceInfo("sts", "sts", "sts", Protocol.Query, "https://sts.amazonaws.com/doc/2011-06-15/", "Throttling", 400, Global: true),
        new ServiceInfo("rds", "rds", "rds", Protocol.Query, "http://rds.amazonaws.com/doc/2014-10-31/", "Throttling", 400),
        new ServiceInfo("sns", "sns", "sns", Protocol.Query, "http://sns.amazonaws.com/doc/2010-03-31/", "Throttling", 400),
        new ServiceInfo("monitoring", "cloudwatch", "cloudwatch", Protocol.Query, "http://monitoring.amazonaws.com/doc/2010-08-01/", "Throttling", 400),
        new ServiceInfo("ec2", "ec2", "ec2", Protocol.Ec2, "http://ec2.amazonaws.com/doc/2016-11-15/", "RequestLimitExceeded", 503),
        new ServiceInfo("cloudtrail", "cloudtrail", "cloudtrail", Protocol.Json, null, "ThrottlingException", 400),
        new ServiceInfo("config", "config", "config", Protocol.Json, null, "ThrottlingException", 400),
        new ServiceInfo("logs", "logs", "logs", Protocol.Json, null, "ThrottlingException", 400),
        new ServiceInfo("kms", "kms", "kms", Protocol.Json, null, "ThrottlingException", 400),
        new ServiceInfo("organizations", "organizations", "organizations", Protocol.Json, null, "TooManyRequestsException", 400, Global: true),
        new ServiceInfo("secretsmanager", "secretsmanager", "secretsmanager", Protocol.Json, null, "ThrottlingException", 400),
        new ServiceInfo("account", "account", "account", Protocol.RestJson, null, "TooManyRequestsException", 429, Global: true),
        new ServiceInfo("access-analyzer", "accessanalyzer", "access-analyzer", Protocol.RestJson, null, "ThrottlingException", 429),
        new ServiceInfo("elasticfilesystem", "efs", "elasticfilesystem", Protocol.RestJson, null, "ThrottlingException", 429),
        new ServiceInfo("guardduty", "guardduty", "guardduty", Protocol.RestJson, null, "TooManyRequestsException", 429),
        new ServiceInfo("lambda", "lambda", "lambda", Protocol.RestJson, null, "TooManyRequestsException", 429),
        new ServiceInfo("macie2", "macie2", "macie2", Protocol.RestJson, null, "ThrottlingException", 429),
        new ServiceInfo("securityhub", "securityhub", "securityhub", Protocol.RestJson, null, "TooManyRequestsException", 429),
        new ServiceInfo("s3", "s3", "s3", Protocol.RestXml, "http://s3.amazonaws.com/doc/2006-03-01/", "SlowDown", 503),
    }.ToDictionary(s => s.SigningName, StringComparer.Ordinal);

    /// <summary>
    /// CloudWatch over AWS JSON 1.0 (X-Amz-Target GraniteServiceVersion20100801.Op), which current SDKs may use; the
    /// fake answers it beside the query protocol the Debian model describes.
    /// </summary>
    public static readonly ServiceInfo CloudWatchJson = new("monitoring", "cloudwatch", "cloudwatch", Protocol.Json, null, "Throttling", 400, JsonVersion: "1.0");

    /// <summary>S3 Control signs as "s3"; the fake tells it apart by its /v20180820/ path.</summary>
    public static readonly ServiceInfo S3Control = new("s3", "s3control", "s3", Protocol.RestXml, "http://awss3control.amazonaws.com/doc/2018-08-20/", "SlowDown", 503, Global: true);
}
