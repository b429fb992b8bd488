using System.Text.Json;

namespace Dashboard.Core.Policies;

/// <summary>An IAM policy document (identity, resource or trust policy) as its statements, read with <see cref="Parse"/>.</summary>
public sealed record PolicyDocument
{
    public string? Version { get; init; }
    public string? Id { get; init; }
    public IReadOnlyList<PolicyStatement> Statements { get; init; } = [];

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

        try
        {
            using var document = JsonDocument.Parse(json);
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
