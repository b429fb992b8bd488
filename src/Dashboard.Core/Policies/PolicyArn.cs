namespace Dashboard.Core.Policies;

/// <summary>Small readers for the identifiers found in policies: account ids, ARNs, principal strings.</summary>
public static class PolicyArn
{
    /// <summary>Whether the text is a 12-digit AWS account id.</summary>
    public static bool IsAccountId(string? text) => text is { Length: 12 } && text.All(char.IsAsciiDigit);

    /// <summary>The account field of an ARN ("" for ARNs without one, such as S3 buckets), or null when the text is not an ARN.</summary>
    public static string? AccountOf(string arn)
    {
        if (!arn.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = arn.Split(':', 6);
        return parts.Length == 6 ? parts[4] : null;
    }

    /// <summary>The service field of an ARN (iam, sts, s3, ...), or null when the text is not an ARN.</summary>
    public static string? ServiceOf(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0].Equals("arn", StringComparison.OrdinalIgnoreCase) ? parts[2] : null;
    }

    /// <summary>
    /// Whether the text looks like an IAM unique id (AIDA..., AROA..., AGPA..., ANPA..., AIPA...): what a principal in a
    /// trust or resource policy turns into once the user or role it named is deleted.
    /// </summary>
    public static bool IsUniqueId(string text) =>
        text.Length is >= 16 and <= 128
        && text.StartsWith('A')
        && text[..4] is "AIDA" or "AROA" or "AGPA" or "ANPA" or "AIPA" or "ANVA" or "ASIA" or "AKIA"
        && text.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <summary>Whether a value is a pattern or a policy variable, i.e. may match more than its literal text.</summary>
    public static bool IsPattern(string text) => PolicyWildcard.HasWildcard(text) || text.Contains("${", StringComparison.Ordinal);
}
