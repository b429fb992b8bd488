using System.Text.Json;

namespace Dashboard.Core.Policies;

/// <summary>An IAM policy document (identity, resource or trust policy) as its statements, read with <see cref="Parse"/>.</summary>
public sealed record PolicyDocument
{
    /// <summary>The policy language version that expands policy variables such as ${aws:username}.</summary>
    public const string CurrentVersion = "2012-10-17";

    /// <summary>The older language version: policy variables are plain text in it.</summary>
    public const string LegacyVersion = "2008-10-17";

    /// <summary>
    /// Longest document accepted, in characters. The largest AWS allows anywhere is a few tens of kilobytes (KMS key
    /// policies 32 KB, bucket policies 20 KB); the cap keeps analysis time bounded for hostile input.
    /// </summary>
    public const int MaxLength = 131_072;

    private const int MaxDepth = 32;

    public string? Version { get; init; }
    public string? Id { get; init; }
    public IReadOnlyList<PolicyStatement> Statements { get; init; } = [];

    /// <summary>Whether ${...} in values are policy variables (Version 2012-10-17) rather than literal text.</summary>
    public bool ExpandsVariables => Version == CurrentVersion;

    /// <summary>
    /// Reads a policy document from JSON text that is already URL-decoded. Never throws for bad input:
    /// invalid JSON or a document that breaks the policy grammar gives a failed <see cref="PolicyParseResult"/>.
    /// </summary>
    public static PolicyParseResult Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return PolicyParseResult.Failed("the document is empty");
        }

        if (json.Length > MaxLength)
        {
            return PolicyParseResult.Failed($"the document is {json.Length:N0} characters long, over the {MaxLength:N0} this analysis accepts");
        }

        var text = json.AsSpan().TrimStart().TrimStart('\uFEFF');
        if (text.Length > 0 && text[0] == '%')
        {
            return PolicyParseResult.Failed("invalid JSON: the document is still URL-encoded (it must be decoded exactly once before parsing)");
        }

        try
        {
            using var document = JsonDocument.Parse(text.ToString(), new JsonDocumentOptions { MaxDepth = MaxDepth });
            return PolicyParseResult.Parsed(PolicyJsonReader.ReadDocument(document.RootElement));
        }
        catch (JsonException ex)
        {
            return PolicyParseResult.Failed($"invalid JSON: {ex.Message}");
        }
        catch (PolicyFormatException ex)
        {
            return PolicyParseResult.Failed(ex.Message);
        }
    }
}
