using Dashboard.Core.Inventory;

namespace Dashboard.Core.Checks.Account;

/// <summary>CIS v5 1.2: a SECURITY alternate contact with an e-mail address and a phone number is registered.</summary>
public sealed class AccountSecurityContactRegistered : Check
{
    private const string Security = "SECURITY";

    public override CheckMetadata Metadata { get; } = new()
    {
        Id = "account_security_contact_registered",
        Title = "A security contact is registered for the account",
        Service = "account",
        ResourceType = "AWS::::Account",
        Severity = Severity.Medium,
        Rationale = "AWS sends security notifications, such as exposed credentials or abuse reports, to the security alternate contact. "
            + "Without one they go to the primary contact, who may not act on them quickly.",
        Remediation = new Remediation(
            Steps: "Under Account settings > Alternate contacts, set the Security contact to a team mailbox and an on-call phone number. "
                + "From the management account you can set it for every member account.",
            Cli: "aws account put-alternate-contact --alternate-contact-type SECURITY \\\n"
                + "  --name \"Security Team\" --title \"Security\" \\\n"
                + "  --email-address security@example.com --phone-number \"+1-555-0100\"\n"
                + "# for a member account, from the management account: add --account-id <member-account-id>",
            Terraform: "resource \"aws_account_alternate_contact\" \"security\" {\n"
                + "  alternate_contact_type = \"SECURITY\"\n"
                + "  name                   = \"Security Team\"\n"
                + "  title                  = \"Security\"\n"
                + "  email_address          = \"security@example.com\"\n"
                + "  phone_number           = \"+1-555-0100\"\n"
                + "}"),
        References =
        [
            "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html",
            "https://docs.aws.amazon.com/accounts/latest/reference/API_GetAlternateContact.html",
        ],
        DataSources = [Sources.AccountAlternateContact],
    };

    public override IEnumerable<CheckResult> Evaluate(EvaluationContext context)
    {
        var inventory = context.Inventory;
        if (ErrorFor(context, Regions.Global, Security) is { } error)
        {
            yield return Error(Regions.Global, inventory.AccountId, null, error);
            yield break;
        }

        if (!inventory.Account.AlternateContacts.TryGetValue(Security, out var contact))
        {
            yield return Fail(Regions.Global, inventory.AccountId, null, "no security alternate contact is registered", ("securityContact", "none"));
            yield break;
        }

        (string, string)[] evidence =
        [
            ("name", contact.Name),
            ("emailAddress", contact.EmailAddress),
            ("phoneNumber", contact.PhoneNumber),
            ("title", contact.Title ?? "none"),
        ];
        var missing = new[] { (Field: "e-mail address", Value: contact.EmailAddress), (Field: "phone number", Value: contact.PhoneNumber) }
            .Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Field).ToList();
        yield return missing.Count == 0
            ? Pass(Regions.Global, inventory.AccountId, null, $"security contact is {contact.Name} <{contact.EmailAddress}>", evidence)
            : Fail(Regions.Global, inventory.AccountId, null, $"security contact has no {string.Join(" or ", missing)}", evidence);
    }
}
