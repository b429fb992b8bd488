using System.Diagnostics.CodeAnalysis;

namespace Dashboard.Core.Policies;

/// <summary>
/// The entry point for checks: parse once, then ask about exposure, admin access or wildcards. Every answer on a
/// document that could not be parsed is "not evaluated" with the parse error, never a clean bill of health.
/// </summary>
public sealed class PolicyAnalysis
{
    public PolicyAnalysis(PolicyParseResult parsed)
    {
        Document = parsed.Document;
        Error = parsed.Error;
    }

    public PolicyDocument? Document { get; }

    /// <summary>Why the document could not be read; null when it was.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Document))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool CanEvaluate => Document is not null;

    // A managed policy attached to thousands of principals hands every check the same document instance: it is parsed
    // once. Keyed by the string instance (weakly), so an analysis lives exactly as long as the inventory holding it.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, PolicyAnalysis> Parsed = new();

    /// <summary>Parses <paramref name="json"/> (already URL-decoded) for analysis, once per string instance. Never throws.</summary>
    public static PolicyAnalysis Of(string? json) =>
        json is null ? new(PolicyDocument.Parse(json)) : Parsed.GetValue(json, static j => new PolicyAnalysis(PolicyDocument.Parse(j)));

    /// <summary>
    /// One analysis over the statements of several documents, as IAM evaluates all policies of a principal together.
    /// If any part could not be read, the combination cannot be evaluated either, and says which part failed.
    /// </summary>
    public static PolicyAnalysis Combine(IEnumerable<(string Name, PolicyAnalysis Analysis)> parts)
    {
        var list = parts.ToList();
        if (list.FirstOrDefault(p => !p.Analysis.CanEvaluate) is { Analysis: not null } broken)
        {
            return new PolicyAnalysis(PolicyParseResult.Failed($"{broken.Name}: {broken.Analysis.Error}"));
        }

        var documents = list.Select(p => p.Analysis.Document!).ToList();
        return new PolicyAnalysis(PolicyParseResult.Parsed(new PolicyDocument
        {
            Version = documents.All(d => d.ExpandsVariables) ? PolicyDocument.CurrentVersion : PolicyDocument.LegacyVersion,
            // Statement names carry the policy they came from, so reasons stay traceable after the merge.
            Statements = [.. list.SelectMany(p => p.Analysis.Document!.Statements.Select((s, i) => s with { Sid = $"{p.Name}: {s.Sid ?? $"statement {i + 1}"}" }))],
        }));
    }

    public AccessReport Access(AccessOptions options) =>
        Document is null
            ? new AccessReport { Exposure = Exposure.NotEvaluated, Error = Error }
            : PolicyAccessAnalyzer.Analyze(Document, options);

    public AdminReport Admin() =>
        Document is null
            ? new AdminReport { Access = AdminAccess.NotEvaluated, Reason = $"could not evaluate: {Error}" }
            : PolicyPrivileges.Admin(Document);

    public WildcardReport Wildcards() =>
        Document is null
            ? new WildcardReport { Evaluated = false, Error = Error }
            : PolicyPrivileges.Wildcards(Document);
}
