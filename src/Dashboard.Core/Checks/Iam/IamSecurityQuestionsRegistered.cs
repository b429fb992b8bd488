using System.Globalization;
using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Iam;

/// <summary>
/// CIS v3/v4 1.3 (dropped in v5): security challenge questions have no API, so the result is always Manual. The
/// evidence says whether the root user still has a password, which is what account recovery would protect.
/// </summary>
public sealed class IamSecurityQuestionsRegistered : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "iam_security_questions_registered",
        Title = "Account recovery security questions are set",
        Service = "iam",
        ResourceType = "AWS::::Account",
        Severity = Severity.Low,
        Rationale = "Older account recovery through AWS Support relied on challenge questions to prove ownership of the root user. "
            + "There is no API for them, so a person has to look; CIS removed the item in v5.",
        Remediation = new Remediation(
            Steps: "Sign in as the root user and open the Account page. If a 'Configure security challenge questions' section is offered, "
                + "set answers that are stored in your password vault. Otherwise record that the console no longer offers the setting "
                + "and make sure the root e-mail address and phone number are current.",
            Cli: "# No API exists for security questions. Check the contact details used for recovery instead:\n"
                + "aws account get-contact-information",
            Terraform: "# Not manageable with Terraform; keep the recovery contact current instead:\n"
                + "resource \"aws_account_primary_contact\" \"this\" {\n"
                + "  full_name     = \"<name>\"\n"
                + "  phone_number  = \"<+phone>\"\n"
                + "  address_line_1 = \"<address>\"\n"
                + "  city          = \"<city>\"\n"
                + "  country_code  = \"<CC>\"\n"
                + "  postal_code   = \"<postcode>\"\n"
                + "}"),
        References = ["https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html"],
        DataSources = [Sources.IamAccountSummary],
        ManualReview = true,
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        if (ErrorFor(context, Regions.Global) is { } error)
        {
            yield return Error(Regions.Global, inventory.AccountId, null, error);
            yield break;
        }

        var password = inventory.Iam.AccountSummary?.GetValueOrDefault("AccountPasswordPresent", 1);
        var evidence = ("AccountPasswordPresent", password?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
        yield return Manual(Regions.Global, inventory.AccountId, null,
            password == 0
                ? "no API exists for security questions; the root user has no password, so confirm recovery goes through the organization"
                : "no API exists for security questions; check the root user's Account page",
            evidence);
    }
}
