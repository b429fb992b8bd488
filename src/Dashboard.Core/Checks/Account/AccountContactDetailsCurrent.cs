using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Account;

/// <summary>
/// CIS v5 1.1 (Manual): the account's primary contact is current. Whether a name and phone number still reach the right
/// people cannot be proven through the API, so the result is Manual with the contact details as evidence.
/// </summary>
public sealed class AccountContactDetailsCurrent : Check
{
    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "account_contact_details_current",
        Title = "Account contact details are current",
        Service = "account",
        ResourceType = "AWS::::Account",
        Severity = Severity.Low,
        Rationale = "AWS uses the account's contact details to warn about abuse, compromise or billing trouble. If they point at someone "
            + "who left, the warning arrives nowhere and the account may be suspended before anyone reacts.",
        Remediation = new Remediation(
            Steps: "Review the primary contact under Account settings: use a role name and a phone number and e-mail that reach a team, "
                + "not one person. Also register alternate contacts for security, billing and operations.",
            Cli: "aws account get-contact-information\n"
                + "aws account put-contact-information --contact-information \\\n"
                + "  FullName=<team>,PhoneNumber=<+phone>,AddressLine1=<address>,City=<city>,PostalCode=<postcode>,CountryCode=<CC>,CompanyName=<company>",
            Terraform: "resource \"aws_account_primary_contact\" \"this\" {\n"
                + "  full_name      = \"Cloud Platform Team\"\n"
                + "  company_name   = \"<company>\"\n"
                + "  phone_number   = \"<+phone>\"\n"
                + "  address_line_1 = \"<address>\"\n"
                + "  city           = \"<city>\"\n"
                + "  postal_code    = \"<postcode>\"\n"
                + "  country_code   = \"<CC>\"\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html",
            "https://docs.aws.amazon.com/accounts/latest/reference/API_GetContactInformation.html",
        ],
        DataSources = [Sources.AccountContactInformation],
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

        var alternates = inventory.Account.AlternateContacts.Keys.Order(StringComparer.Ordinal).ToList();
        var alternateEvidence = ("alternateContacts", alternates.Count == 0 ? "none" : string.Join(", ", alternates));
        if (inventory.Account.ContactInformation is not { } contact)
        {
            yield return Manual(Regions.Global, inventory.AccountId, null,
                "the primary contact was not returned; review it under Account settings", alternateEvidence);
            yield break;
        }

        yield return Manual(Regions.Global, inventory.AccountId, null,
            $"primary contact is {contact.FullName}, {contact.PhoneNumber}; confirm it still reaches the team that owns the account",
            ("fullName", contact.FullName),
            ("companyName", contact.CompanyName ?? "none"),
            ("phoneNumber", contact.PhoneNumber),
            ("countryCode", contact.CountryCode),
            alternateEvidence);
    }
}
