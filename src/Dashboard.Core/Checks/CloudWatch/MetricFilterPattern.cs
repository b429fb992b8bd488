using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Core.Checks.CloudWatch;

public enum TermOperator
{
    Equal,
    NotEqual,
    NotExists,
}

/// <summary>One comparison in a CloudWatch Logs JSON filter pattern, e.g. $.eventName = "ConsoleLogin". Field is without the "$.".</summary>
public sealed record FilterTerm(string Field, TermOperator Operator, string Value = "")
{
    public static FilterTerm Is(string field, string value) => new(field, TermOperator.Equal, value);

    public static FilterTerm IsNot(string field, string value) => new(field, TermOperator.NotEqual, value);

    public static FilterTerm Absent(string field) => new(field, TermOperator.NotExists);

    public override string ToString() => Operator switch
    {
        TermOperator.Equal => $"$.{Field} = \"{Value}\"",
        TermOperator.NotEqual => $"$.{Field} != \"{Value}\"",
        _ => $"$.{Field} NOT EXISTS",
    };
}

/// <summary>
/// The terms a metric filter must contain for one monitoring control. <see cref="AllOf"/> holds for every event the control
/// is about; each of <see cref="AnyOf"/> is one kind of event the filter must catch (usually one event name each).
/// </summary>
public sealed record FilterRequirement(IReadOnlyList<FilterTerm> AllOf, IReadOnlyList<FilterTerm> AnyOf)
{
    public static FilterRequirement EventNames(params string[] names) =>
        new([], names.Select(n => FilterTerm.Is("eventName", n)).ToArray());

    public static FilterRequirement All(params FilterTerm[] terms) => new(terms, []);

    /// <summary>The same requirement limited to events of one service, e.g. kms.amazonaws.com.</summary>
    public FilterRequirement FromSource(string eventSource) => this with { AllOf = [FilterTerm.Is("eventSource", eventSource), .. AllOf] };

    public FilterRequirement And(params FilterTerm[] terms) => this with { AllOf = [.. AllOf, .. terms] };

    public IEnumerable<FilterTerm> Terms => AllOf.Concat(AnyOf);

    /// <summary>A filter pattern that meets this requirement, for remediation text.</summary>
    public string ToPattern()
    {
        var parts = AllOf.Select(t => $"({t})").ToList();
        if (AnyOf.Count > 0)
        {
            var alternatives = string.Join(" || ", AnyOf.Select(t => $"({t})"));
            parts.Add(AllOf.Count > 0 && AnyOf.Count > 1 ? $"({alternatives})" : alternatives);
        }

        return "{ " + string.Join(" && ", parts) + " }";
    }
}

/// <param name="MissingTerms">Required terms the pattern does not contain.</param>
/// <param name="Uncaught">Required events the pattern contains terms for but would not match (e.g. narrowed by an extra AND term).</param>
/// <param name="StructureChecked">False when the pattern could not be parsed and only term presence was checked.</param>
public sealed record FilterMatch(IReadOnlyList<FilterTerm> MissingTerms, IReadOnlyList<string> Uncaught, bool StructureChecked)
{
    public bool Matched => MissingTerms.Count == 0 && Uncaught.Count == 0;

    public string Describe() =>
        MissingTerms.Count > 0 ? "lacks " + string.Join(", ", MissingTerms.Select(t => t.ToString()))
        : Uncaught.Count > 0 ? "contains the terms but would not match " + string.Join("; ", Uncaught)
        : "matches";
}

/// <summary>
/// Decides whether a CloudWatch Logs metric filter pattern satisfies a <see cref="FilterRequirement"/>, in two steps.
/// First every required term must appear as a comparison of its own: order, whitespace and single or double quotes do not
/// matter, and values compare exactly, so ConsoleLoginFailure never stands in for ConsoleLogin. Then the pattern is parsed
/// and run against one sample event per required kind of event; an extra AND term that narrows the filter fails here, while
/// extra OR terms do not. Patterns we cannot parse keep the result of the first step (CIS's own audit only asks for the terms).
/// </summary>
public static partial class MetricFilterPattern
{
    public static FilterMatch Match(string pattern, FilterRequirement requirement)
    {
        var comparisons = Comparisons(pattern);
        var missing = requirement.Terms.Where(t => !comparisons.Contains(Key(t))).ToList();
        if (missing.Count > 0)
        {
            return new FilterMatch(missing, [], StructureChecked: false);
        }

        var expression = Parser.TryParse(pattern);
        if (expression is null)
        {
            return new FilterMatch([], [], StructureChecked: false);
        }

        var uncaught = SampleEvents(requirement).Where(e => !expression.Matches(e.Fields)).Select(e => e.Description).ToList();
        return new FilterMatch([], uncaught, StructureChecked: true);
    }

    // ---- term presence --------------------------------------------------------------------------------------

    [GeneratedRegex("""\$\.(?<field>[A-Za-z0-9_.\-\[\]]+)\s*(?:(?<op>!=|==?)\s*(?:"(?<dq>(?:[^"\\]|\\.)*)"|'(?<sq>[^']*)'|(?<bare>[^\s()&|{}]+))|(?<absent>NOT\s+EXISTS|IS\s+NULL))""")]
    private static partial Regex ComparisonPattern();

    private static HashSet<string> Comparisons(string pattern)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in ComparisonPattern().Matches(pattern))
        {
            var field = m.Groups["field"].Value;
            if (m.Groups["absent"].Success)
            {
                found.Add(Key(FilterTerm.Absent(field)));
                continue;
            }

            var value = m.Groups["dq"].Success ? Unescape(m.Groups["dq"].Value)
                : m.Groups["sq"].Success ? m.Groups["sq"].Value
                : m.Groups["bare"].Value;
            var op = m.Groups["op"].Value == "!=" ? TermOperator.NotEqual : TermOperator.Equal;
            found.Add(Key(new FilterTerm(field, op, value.Trim())));
        }

        return found;
    }

    private static string Key(FilterTerm term) => $"{term.Field}\u0001{term.Operator}\u0001{term.Value}";

    private static string Unescape(string value) => Regex.Replace(value, @"\\(.)", "$1", RegexOptions.None, TimeSpan.FromSeconds(1));

    // ---- sample events --------------------------------------------------------------------------------------

    private sealed record SampleEvent(string Description, IReadOnlyDictionary<string, string> Fields);

    /// <summary>One event per alternative (or one in all), meeting every AllOf term; != fields get a different value, NOT EXISTS fields none.</summary>
    private static IEnumerable<SampleEvent> SampleEvents(FilterRequirement requirement)
    {
        IReadOnlyList<FilterTerm?> alternatives = requirement.AnyOf.Count == 0 ? [null] : [.. requirement.AnyOf];
        foreach (var alternative in alternatives)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var term in requirement.AllOf)
            {
                if (term.Operator == TermOperator.Equal)
                {
                    fields[term.Field] = Concrete(term.Value);
                }
                else if (term.Operator == TermOperator.NotEqual)
                {
                    fields[term.Field] = "sample-other-than-" + Concrete(term.Value);
                }
            }

            if (alternative is not null)
            {
                fields[alternative.Field] = Concrete(alternative.Value);
            }

            var description = "an event with " + string.Join(", ", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
            yield return new SampleEvent(description, fields);
        }
    }

    /// <summary>A value that a wildcard term matches: *UnauthorizedOperation becomes SampleUnauthorizedOperation.</summary>
    private static string Concrete(string value) => value.Replace("*", "Sample", StringComparison.Ordinal);

    // ---- parsing ----------------------------------------------------------------------------------------------

    private abstract record Node
    {
        public abstract bool Matches(IReadOnlyDictionary<string, string> fields);
    }

    private sealed record AnyNode(IReadOnlyList<Node> Children) : Node
    {
        public override bool Matches(IReadOnlyDictionary<string, string> fields) => Children.Any(c => c.Matches(fields));
    }

    private sealed record AllNode(IReadOnlyList<Node> Children) : Node
    {
        public override bool Matches(IReadOnlyDictionary<string, string> fields) => Children.All(c => c.Matches(fields));
    }

    private sealed record ComparisonNode(string Field, string Operator, string Value) : Node
    {
        public override bool Matches(IReadOnlyDictionary<string, string> fields)
        {
            var present = fields.TryGetValue(Field, out var actual);
            return Operator switch
            {
                "=" => present && Wildcard(Value, actual!),
                "!=" => !present || !Wildcard(Value, actual!),
                "NOT EXISTS" or "IS NULL" => !present,
                "EXISTS" => present,
                "IS TRUE" => present && actual == "true",
                "IS FALSE" => present && actual == "false",
                _ => present && Numeric(Operator, actual!, Value),
            };
        }

        private static bool Wildcard(string pattern, string actual) =>
            pattern.Contains('*', StringComparison.Ordinal)
                ? Regex.IsMatch(actual, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.None, TimeSpan.FromSeconds(1))
                : string.Equals(pattern, actual, StringComparison.Ordinal);

        private static bool Numeric(string op, string actual, string expected) =>
            decimal.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e)
            && op switch
            {
                "<" => a < e,
                "<=" => a <= e,
                ">" => a > e,
                ">=" => a >= e,
                _ => false,
            };
    }

    /// <summary>
    /// A recursive-descent parser for the JSON pattern language: { expr } with &amp;&amp; binding tighter than ||, parentheses,
    /// comparisons (=, !=, &lt;, &lt;=, &gt;, &gt;=) and NOT EXISTS / IS NULL / IS TRUE / IS FALSE. Returns null for anything else.
    /// </summary>
    private sealed class Parser
    {
        private readonly List<string> _tokens;
        private int _position;

        private Parser(List<string> tokens) => _tokens = tokens;

        public static Node? TryParse(string pattern)
        {
            var tokens = Tokenize(pattern);
            if (tokens is null || tokens.Count < 3 || tokens[0] != "{" || tokens[^1] != "}")
            {
                return null;
            }

            var parser = new Parser(tokens[1..^1]);
            var node = parser.Or();
            return node is not null && parser._position == parser._tokens.Count ? node : null;
        }

        private string? Peek => _position < _tokens.Count ? _tokens[_position] : null;

        private Node? Or()
        {
            var children = new List<Node>();
            do
            {
                if (And() is not { } child)
                {
                    return null;
                }

                children.Add(child);
            }
            while (Accept("||"));
            return children.Count == 1 ? children[0] : new AnyNode(children);
        }

        private Node? And()
        {
            var children = new List<Node>();
            do
            {
                if (Unary() is not { } child)
                {
                    return null;
                }

                children.Add(child);
            }
            while (Accept("&&"));
            return children.Count == 1 ? children[0] : new AllNode(children);
        }

        private Node? Unary()
        {
            if (Accept("("))
            {
                var inner = Or();
                return inner is not null && Accept(")") ? inner : null;
            }

            if (Peek is not { } selector || !selector.StartsWith("$.", StringComparison.Ordinal))
            {
                return null;
            }

            _position++;
            var field = selector[2..];
            if (Accept("NOT"))
            {
                return Accept("EXISTS") ? new ComparisonNode(field, "NOT EXISTS", "") : null;
            }

            if (Accept("IS"))
            {
                var what = Peek;
                return what is "NULL" or "TRUE" or "FALSE" && Accept(what) ? new ComparisonNode(field, "IS " + what, "") : null;
            }

            if (Accept("EXISTS"))
            {
                return new ComparisonNode(field, "EXISTS", "");
            }

            var op = Peek;
            if (op is not ("=" or "==" or "!=" or "<" or "<=" or ">" or ">=") || _position + 1 >= _tokens.Count)
            {
                return null;
            }

            var value = _tokens[_position + 1];
            if (value is "(" or ")" or "&&" or "||")
            {
                return null;
            }

            _position += 2;
            return new ComparisonNode(field, op == "==" ? "=" : op, Unquote(value));
        }

        private bool Accept(string token)
        {
            if (Peek == token)
            {
                _position++;
                return true;
            }

            return false;
        }

        /// <summary>Quoted strings keep their quote character as the first char so they are never taken for keywords; Unquote removes it.</summary>
        private static List<string>? Tokenize(string pattern)
        {
            var tokens = new List<string>();
            var i = 0;
            while (i < pattern.Length)
            {
                var c = pattern[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (c is '{' or '}' or '(' or ')')
                {
                    tokens.Add(c.ToString());
                    i++;
                }
                else if (Starts("&&") || Starts("||") || Starts("!=") || Starts("<=") || Starts(">=") || Starts("=="))
                {
                    tokens.Add(pattern.Substring(i, 2));
                    i += 2;
                }
                else if (c is '=' or '<' or '>')
                {
                    tokens.Add(c.ToString());
                    i++;
                }
                else if (c is '"' or '\'')
                {
                    var text = new StringBuilder().Append('"');
                    i++;
                    while (i < pattern.Length && pattern[i] != c)
                    {
                        if (pattern[i] == '\\' && c == '"' && i + 1 < pattern.Length)
                        {
                            i++;
                        }

                        text.Append(pattern[i]);
                        i++;
                    }

                    if (i >= pattern.Length)
                    {
                        return null;
                    }

                    tokens.Add(text.ToString());
                    i++;
                }
                else
                {
                    var start = i;
                    while (i < pattern.Length && !char.IsWhiteSpace(pattern[i]) && pattern[i] is not ('{' or '}' or '(' or ')' or '=' or '<' or '>' or '"' or '\'')
                        && !Starts("&&") && !Starts("||") && !Starts("!="))
                    {
                        i++;
                    }

                    tokens.Add(pattern[start..i]);
                }

                bool Starts(string s) => string.CompareOrdinal(pattern, i, s, 0, s.Length) == 0;
            }

            return tokens;
        }

        private static string Unquote(string token) => token.StartsWith('"') ? token[1..] : token;
    }
}
