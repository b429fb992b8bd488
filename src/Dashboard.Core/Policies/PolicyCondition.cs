namespace Dashboard.Core.Policies;

/// <summary>The data type an operator compares; Unknown for an operator name this library does not know.</summary>
public enum ConditionFamily
{
    Unknown = 0,
    Text = 1,
    Numeric = 2,
    Date = 3,
    Bool = 4,
    Binary = 5,
    IpAddress = 6,
    Arn = 7,
    Null = 8,
}

/// <summary>
/// One condition key under one operator, e.g. StringLike / token.actions.githubusercontent.com:sub / ["repo:o/r:*"].
/// Values are kept as text: numbers and booleans appear as they were written in the JSON ("10", "true").
/// Several values are alternatives (any may match); separate conditions must all hold.
/// </summary>
/// <remarks>
/// The operator is kept as written. Its parts are read case-insensitively: an unknown name is not an error (AWS adds
/// operators), it is <see cref="ConditionFamily.Unknown"/>, and analyses must treat such a condition as "not understood",
/// never as a restriction.
/// </remarks>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    private const string IfExistsSuffix = "IfExists";

    private static readonly Dictionary<string, (ConditionFamily Family, bool Negated)> KnownOperators =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["StringEquals"] = (ConditionFamily.Text, false),
            ["StringNotEquals"] = (ConditionFamily.Text, true),
            ["StringEqualsIgnoreCase"] = (ConditionFamily.Text, false),
            ["StringNotEqualsIgnoreCase"] = (ConditionFamily.Text, true),
            ["StringLike"] = (ConditionFamily.Text, false),
            ["StringNotLike"] = (ConditionFamily.Text, true),
            ["NumericEquals"] = (ConditionFamily.Numeric, false),
            ["NumericNotEquals"] = (ConditionFamily.Numeric, true),
            ["NumericLessThan"] = (ConditionFamily.Numeric, false),
            ["NumericLessThanEquals"] = (ConditionFamily.Numeric, false),
            ["NumericGreaterThan"] = (ConditionFamily.Numeric, false),
            ["NumericGreaterThanEquals"] = (ConditionFamily.Numeric, false),
            ["DateEquals"] = (ConditionFamily.Date, false),
            ["DateNotEquals"] = (ConditionFamily.Date, true),
            ["DateLessThan"] = (ConditionFamily.Date, false),
            ["DateLessThanEquals"] = (ConditionFamily.Date, false),
            ["DateGreaterThan"] = (ConditionFamily.Date, false),
            ["DateGreaterThanEquals"] = (ConditionFamily.Date, false),
            ["Bool"] = (ConditionFamily.Bool, false),
            ["BinaryEquals"] = (ConditionFamily.Binary, false),
            ["IpAddress"] = (ConditionFamily.IpAddress, false),
            ["NotIpAddress"] = (ConditionFamily.IpAddress, true),
            ["ArnEquals"] = (ConditionFamily.Arn, false),
            ["ArnLike"] = (ConditionFamily.Arn, false),
            ["ArnNotEquals"] = (ConditionFamily.Arn, true),
            ["ArnNotLike"] = (ConditionFamily.Arn, true),
            ["Null"] = (ConditionFamily.Null, false),
        };

    private static readonly Dictionary<string, string> CanonicalNames =
        KnownOperators.Keys.ToDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>ForAnyValue or ForAllValues when the operator carries a set qualifier (in any case), otherwise null.</summary>
    public string? SetQualifier
    {
        get
        {
            var colon = Operator.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }

            var qualifier = Operator[..colon];
            return qualifier.Equals("ForAnyValue", StringComparison.OrdinalIgnoreCase) ? "ForAnyValue"
                : qualifier.Equals("ForAllValues", StringComparison.OrdinalIgnoreCase) ? "ForAllValues"
                : qualifier;
        }
    }

    public bool IsForAllValues => SetQualifier == "ForAllValues";
    public bool IsForAnyValue => SetQualifier == "ForAnyValue";

    public bool IfExists
    {
        get
        {
            var name = NameWithoutQualifier;
            return name.Length > IfExistsSuffix.Length
                && name.EndsWith(IfExistsSuffix, StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Null" + IfExistsSuffix, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// The operator without set qualifier and IfExists suffix, e.g. "StringLike" for "ForAnyValue:StringLikeIfExists".
    /// Known operators come back in AWS's spelling whatever case the document used.
    /// </summary>
    public string BaseOperator
    {
        get
        {
            var name = NameWithoutQualifier;
            var trimmed = IfExists ? name[..^IfExistsSuffix.Length] : name;
            return CanonicalNames.TryGetValue(trimmed, out var canonical) ? canonical : trimmed;
        }
    }

    /// <summary>The operator's data type; Unknown when the name (or its qualifier) is not one AWS documents.</summary>
    public ConditionFamily Family =>
        (SetQualifier is null || IsForAllValues || IsForAnyValue) && KnownOperators.TryGetValue(BaseOperator, out var known)
            ? known.Family
            : ConditionFamily.Unknown;

    public bool IsKnown => Family != ConditionFamily.Unknown;

    /// <summary>True for operators that match when the value is *not* one of the listed ones (StringNotEquals, NotIpAddress, ArnNotLike, ...).</summary>
    public bool IsNegated => KnownOperators.TryGetValue(BaseOperator, out var known) && known.Negated;

    /// <summary>Whether values are patterns (StringLike, ArnLike and their negations; ArnEquals also accepts wildcards in AWS).</summary>
    public bool AcceptsWildcards => BaseOperator is "StringLike" or "StringNotLike" or "ArnLike" or "ArnNotLike" or "ArnEquals" or "ArnNotEquals";

    private string NameWithoutQualifier => Operator[(Operator.IndexOf(':', StringComparison.Ordinal) + 1)..];
}
