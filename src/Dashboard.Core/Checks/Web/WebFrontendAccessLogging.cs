using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Web;

/// <summary>
/// CIS v7 4.10 (Manual): access logging on CloudFront distributions, load balancers and API Gateway stages. The scanner does
/// not collect those services, so this check never passes or fails: it returns Manual with whatever the inventory does show,
/// namely buckets whose policy lets a log-delivery service write into them (a sign that some front end already logs there).
/// </summary>
public sealed class WebFrontendAccessLogging : Check
{
    private static readonly string[] LogDeliveryPrincipals =
    [
        "logdelivery.elasticloadbalancing.amazonaws.com",
        "delivery.logs.amazonaws.com",
        "logging.s3.amazonaws.com",
    ];

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "web_frontend_access_logging",
        Title = "Web front ends (CloudFront, load balancers, API Gateway) keep access logs",
        Service = "web",
        ResourceType = "AWS::::Account",
        Severity = Severity.Medium,
        ManualReview = true,
        Rationale = "Access logs of the internet-facing layer show who requested what, from where, and with which result. They are the "
            + "starting point for investigating web attacks, credential stuffing and data scraping, and the application rarely logs the same detail.",
        Remediation = new Remediation(
            Steps: "Turn on standard logging for each CloudFront distribution, access logs for each Application and Network Load Balancer, and access "
                + "logging for each API Gateway stage. Deliver them to a central log bucket or CloudWatch Logs with retention that suits investigations.",
            Cli: "aws elbv2 modify-load-balancer-attributes --load-balancer-arn <alb-arn> \\\n"
                + "  --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<log-bucket>\n"
                + "aws apigateway update-stage --rest-api-id <api-id> --stage-name <stage> \\\n"
                + "  --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=<log-group-arn>",
            Terraform: "resource \"aws_lb\" \"web\" {\n"
                + "  # ...\n"
                + "  access_logs {\n"
                + "    bucket  = aws_s3_bucket.lb_logs.id\n"
                + "    enabled = true\n"
                + "  }\n"
                + "}\n"
                + "resource \"aws_cloudfront_distribution\" \"web\" {\n"
                + "  # ...\n"
                + "  logging_config {\n"
                + "    bucket = aws_s3_bucket.cf_logs.bucket_domain_name\n"
                + "  }\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html",
            "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
            "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
        ],
        DataSources = [Sources.S3ListBuckets, Sources.S3BucketPolicy],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        if (context.FirstError(Sources.S3ListBuckets) is { } listError)
        {
            yield return Error(Regions.Global, inventory.AccountId, null, listError);
            yield break;
        }

        var destinations = inventory.S3.Buckets
            .Where(b => b.Policy is { } policy && LogDeliveryPrincipals.Any(p => policy.Contains(p, StringComparison.Ordinal)))
            .Select(b => b.Name)
            .ToList();
        var unreadable = inventory.Errors.Where(Sources.S3BucketPolicy.Produced).Select(e => e.ResourceId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var evidence = new List<(string, string)>
        {
            ("logDeliveryBuckets", destinations.Count == 0 ? "none found" : string.Join(", ", destinations)),
        };
        if (unreadable.Count > 0)
        {
            evidence.Add(("bucketPoliciesNotRead", string.Join(", ", unreadable)));
        }

        yield return Manual(Regions.Global, inventory.AccountId, null,
            "CloudFront distributions, load balancers and API Gateway stages are not collected by this scanner; confirm by hand that each "
            + "internet-facing one has access logging on" + (destinations.Count == 0 ? "" : $" (buckets that receive service logs: {string.Join(", ", destinations)})"),
            [.. evidence]);
    }
}
