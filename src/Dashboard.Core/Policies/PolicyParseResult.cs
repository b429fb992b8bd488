using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Core.Policies;

/// <summary>The outcome of <see cref="PolicyDocument.Parse"/>: a document, or why the text is not a valid policy.</summary>
public sealed class PolicyParseResult
{
    private PolicyParseResult(PolicyDocument? document, string? error)
    {
        Document = document;
        Error = error;
    }

    public PolicyDocument? Document { get; }

    /// <summary>Why parsing failed, e.g. "invalid JSON: ..." or "Statement[1]: Effect must be Allow or Deny".</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Document is not null;

    public static PolicyParseResult Parsed(PolicyDocument document) => new(document, null);

    public static PolicyParseResult Failed(string error) => new(null, error);
}
