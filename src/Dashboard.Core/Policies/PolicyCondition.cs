namespace Dashboard.Core.Policies;

/// <summary>
/// One condition key under one operator, e.g. StringLike / token.actions.githubusercontent.com:sub / ["repo:o/r:*"].
/// Values are kept as text: numbers and booleans appear as they were written in the JSON ("10", "true").
/// Several values are alternatives (any may match); separate conditions must all hold.
/// </summary>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    private const string IfExistsSuffix = "IfExists";

    /// <summary>ForAnyValue or ForAllValues when the operator carries a set qualifier, otherwise null.</summary>
    public string? SetQualifier
    {
        get
        {
            var colon = Operator.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? Operator[..colon] : null;
        }
    }

    public bool IfExists => Operator.EndsWith(IfExistsSuffix, StringComparison.OrdinalIgnoreCase) && Operator.Length > IfExistsSuffix.Length;

    /// <summary>The operator without set qualifier and IfExists suffix, e.g. "StringLike" for "ForAnyValue:StringLikeIfExists".</summary>
    public string BaseOperator
    {
        get
        {
            var name = Operator[(Operator.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return IfExists && name.Length > IfExistsSuffix.Length ? name[..^IfExistsSuffix.Length] : name;
        }
    }
}
