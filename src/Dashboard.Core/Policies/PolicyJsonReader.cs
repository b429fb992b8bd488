using System.Text.Json;

namespace Dashboard.Core.Policies;

/// <summary>Maps a parsed JSON tree onto the policy grammar. Throws <see cref="PolicyFormatException"/> on anything IAM would reject.</summary>
internal static class PolicyJsonReader
{
    public static PolicyDocument ReadDocument(JsonElement root)
    {
        var members = ReadObject(root, "the document");
        if (!members.TryGetValue("Statement", out var statementElement))
        {
            throw new PolicyFormatException("the document has no Statement");
        }

        var statements = statementElement.ValueKind switch
        {
            JsonValueKind.Object => [ReadStatement(statementElement, "Statement")],
            JsonValueKind.Array => statementElement.EnumerateArray().Select((s, i) => ReadStatement(s, $"Statement[{i}]")).ToList(),
            _ => throw new PolicyFormatException("Statement must be an object or an array of objects"),
        };

        var version = OptionalString(members, "Version", "the document");
        if (version is not null && version != PolicyDocument.CurrentVersion && version != PolicyDocument.LegacyVersion)
        {
            throw new PolicyFormatException($"the document has an unknown Version \"{version}\" (expected {PolicyDocument.CurrentVersion} or {PolicyDocument.LegacyVersion})");
        }

        return new PolicyDocument
        {
            Version = version,
            Id = OptionalString(members, "Id", "the document"),
            Statements = statements,
        };
    }

    private static PolicyStatement ReadStatement(JsonElement element, string where)
    {
        var members = ReadObject(element, where);
        var effectText = OptionalString(members, "Effect", where)
            ?? throw new PolicyFormatException($"{where}: Effect is missing");
        var effect = effectText.ToUpperInvariant() switch
        {
            "ALLOW" => PolicyEffect.Allow,
            "DENY" => PolicyEffect.Deny,
            _ => throw new PolicyFormatException($"{where}: Effect must be Allow or Deny, not \"{effectText}\""),
        };

        var actions = OptionalStringList(members, "Action", where);
        var notActions = OptionalStringList(members, "NotAction", where);
        if ((actions is null) == (notActions is null))
        {
            throw new PolicyFormatException($"{where}: exactly one of Action and NotAction must be set");
        }

        var resources = OptionalStringList(members, "Resource", where);
        var notResources = OptionalStringList(members, "NotResource", where);
        if (resources is not null && notResources is not null)
        {
            throw new PolicyFormatException($"{where}: Resource and NotResource cannot both be set");
        }

        return new PolicyStatement
        {
            Sid = OptionalString(members, "Sid", where),
            Effect = effect,
            EffectAsWritten = effectText,
            Principal = OptionalPrincipal(members, "Principal", where),
            NotPrincipal = OptionalPrincipal(members, "NotPrincipal", where),
            Actions = actions ?? [],
            NotActions = notActions,
            Resources = resources ?? [],
            NotResources = notResources,
            Conditions = members.TryGetValue("Condition", out var condition) ? ReadConditions(condition, $"{where}.Condition") : [],
        };
    }

    private static PolicyPrincipal? OptionalPrincipal(Dictionary<string, JsonElement> members, string name, string where)
    {
        if (!members.TryGetValue(name, out var element))
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() == "*"
                ? PolicyPrincipal.Wildcard
                : throw new PolicyFormatException($"{where}.{name}: a string principal must be \"*\"");
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (type, value) in ReadObject(element, $"{where}.{name}"))
        {
            values[type] = StringList(value, $"{where}.{name}.{type}");
        }

        return new PolicyPrincipal { Values = values };
    }

    private static List<PolicyCondition> ReadConditions(JsonElement element, string where)
    {
        var conditions = new List<PolicyCondition>();
        foreach (var (op, keys) in ReadObject(element, where))
        {
            foreach (var (key, values) in ReadObject(keys, $"{where}.{op}"))
            {
                conditions.Add(new PolicyCondition(op, key, ConditionValues(values, $"{where}.{op}.{key}")));
            }
        }

        return conditions;
    }

    private static List<string> ConditionValues(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().Select(v => ConditionValue(v, where)).ToList()
            : [ConditionValue(element, where)];

    private static string ConditionValue(JsonElement element, string where) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new PolicyFormatException($"{where}: condition values must be strings, numbers or booleans"),
    };

    private static string? OptionalString(Dictionary<string, JsonElement> members, string name, string where)
    {
        if (!members.TryGetValue(name, out var element))
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : throw new PolicyFormatException($"{where}: {name} must be a string");
    }

    private static List<string>? OptionalStringList(Dictionary<string, JsonElement> members, string name, string where) =>
        members.TryGetValue(name, out var element) ? StringList(element, $"{where}.{name}") : null;

    private static List<string> StringList(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return [element.GetString()!];
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new PolicyFormatException($"{where} must be a string or an array of strings");
        }

        return element.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new PolicyFormatException($"{where} must contain only strings"))
            .ToList();
    }

    /// <summary>
    /// The members of a JSON object by name, case-insensitively. A name given twice is rejected: which copy wins
    /// differs between parsers, and a security verdict must not depend on that.
    /// </summary>
    private static Dictionary<string, JsonElement> ReadObject(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PolicyFormatException($"{where} must be a JSON object");
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            if (!members.TryAdd(property.Name, property.Value))
            {
                throw new PolicyFormatException($"{where}: \"{property.Name}\" appears more than once");
            }
        }

        return members;
    }
}

/// <summary>A document that is valid JSON but not a valid policy; turned into a failed <see cref="PolicyParseResult"/>.</summary>
internal sealed class PolicyFormatException : Exception
{
    public PolicyFormatException()
    {
    }

    public PolicyFormatException(string message)
        : base(message)
    {
    }

    public PolicyFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
