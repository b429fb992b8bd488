namespace Dashboard.Core.Policies;

/// <summary>
/// IAM returns policy documents URL-encoded (RFC 3986) from GetAccountAuthorizationDetails, Get*Policy, GetPolicyVersion and
/// role trust policies; services such as Lambda, SNS, SQS and KMS return plain JSON. Collectors decode exactly once, here.
/// </summary>
public static class PolicyUrlEncoding
{
    /// <summary>
    /// Decodes an RFC 3986 percent-encoded document once. '+' stays '+' (it is form encoding, not RFC 3986, that turns it
    /// into a space), and text that is already JSON is returned unchanged, so a document the SDK decoded is never decoded twice.
    /// </summary>
    public static string DecodeOnce(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] == '%' ? Uri.UnescapeDataString(text) : text;
    }
}
