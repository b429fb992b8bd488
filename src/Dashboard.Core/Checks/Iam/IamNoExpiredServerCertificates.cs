using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>CIS v5 1.18: no SSL/TLS server certificate stored in IAM has expired. One result per certificate.</summary>
public sealed class IamNoExpiredServerCertificates : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_no_expired_server_certificates",
        Title = "Expired server certificates are removed from IAM",
        Service = "iam",
        ResourceType = "AWS::IAM::ServerCertificate",
        Severity = Severity.Low,
        Rationale = "An expired certificate can still be attached to a load balancer or CloudFront by mistake, breaking TLS for clients or "
            + "training them to click through warnings. Removing it leaves only certificates that can be used safely.",
        Remediation = new Remediation(
            Steps: "Make sure no load balancer or distribution still uses the certificate, then delete it from IAM. Prefer AWS Certificate "
                + "Manager, which renews certificates on its own.",
            Cli: "aws iam list-server-certificates\n"
                + "aws iam delete-server-certificate --server-certificate-name <name>",
            Terraform: "# Remove the aws_iam_server_certificate resource and use ACM instead:\n"
                + "resource \"aws_acm_certificate\" \"site\" {\n"
                + "  domain_name       = \"www.example.com\"\n"
                + "  validation_method = \"DNS\"\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html",
            "https://docs.aws.amazon.com/acm/latest/userguide/acm-overview.html",
        ],
        DataSources = [Sources.IamServerCertificates],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        if (ErrorFor(context, Regions.Global) is { } error)
        {
            yield return Error(Regions.Global, inventory.AccountId, null, error);
            yield break;
        }

        if (inventory.Iam.ServerCertificates.Count == 0)
        {
            yield return NotApplicable(Regions.Global, inventory.AccountId, null, "no server certificates are stored in IAM");
            yield break;
        }

        foreach (var certificate in inventory.Iam.ServerCertificates)
        {
            var evidence = ("expiration", certificate.Expiration?.ToString("O", CultureInfo.InvariantCulture) ?? "unknown");
            if (certificate.Expiration is not { } expiration)
            {
                yield return Result(ResultStatus.Error, Regions.Global, certificate.ServerCertificateName, certificate.Arn,
                    "certificate expiration date is unknown", [evidence]);
            }
            else if (expiration < context.Now)
            {
                yield return Fail(Regions.Global, certificate.ServerCertificateName, certificate.Arn,
                    $"certificate expired {(int)(context.Now - expiration).TotalDays} days ago", evidence);
            }
            else
            {
                yield return Pass(Regions.Global, certificate.ServerCertificateName, certificate.Arn,
                    $"certificate is valid for another {(int)(expiration - context.Now).TotalDays} days", evidence);
            }
        }
    }
}
