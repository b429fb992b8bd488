using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Core.Policies;

namespace Dashboard.Core.Tests.Policies;

/// <summary>
/// Generated and mutated documents (seeded, so every run sees the same ones). The invariants:
/// <list type="bullet">
/// <item>no analysis ever throws, and an unreadable document is always "not evaluated" in every analysis;</item>
/// <item>a public document stays public under mutations that only widen it (more Allow statements, more actions,
/// resources, principals or condition values, fewer Allow conditions or Deny statements, IfExists/ForAllValues on an
/// Allow condition);</item>
/// <item>a document that a deliberately naive reader sees as plainly public (an Allow for "*" without conditions and no
/// Deny anywhere) is never reported as anything but Public or NotEvaluated, however it was corrupted.</item>
/// </list>
/// </summary>
public class PolicyMutationTests
{
    private static readonly AccessOptions Options = PolicyFixtures.Options;

    private static readonly string[] PrincipalPool =
    [
        "\"*\"", """{"AWS": "*"}""", """{"AWS": "111111111111"}""", """{"AWS": "arn:aws:iam::999999999999:root"}""",
        """{"AWS": ["arn:aws:iam::111111111111:role/a", "222222222222"]}""", """{"Service": "lambda.amazonaws.com"}""",
        """{"Federated": "arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X"}""",
        """{"CanonicalUser": "abc123"}""", """{"AWS": "arn:aws:iam::*:root"}""", """{"AWS": "AROAEXAMPLEID123456"}""",
    ];

    private static readonly string[] ActionPool =
        ["*", "s3:*", "s3:GetObject", "s3:Put*", "iam:*", "iam:PassRole", "ec2:RunInstances", "sts:AssumeRole", "kms:Decrypt", "*:*", "S3:getobject", "lambda:InvokeFunction"];

    private static readonly string[] ResourcePool =
        ["*", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*", "arn:aws:iam::111111111111:role/*", "arn:aws:*", "arn:aws:kms:eu-west-1:111111111111:key/k"];

    private static readonly (string Operator, string Key, string[] Values)[] ConditionPool =
    [
        ("StringEquals", "aws:SourceAccount", ["111111111111"]),
        ("StringEquals", "aws:PrincipalOrgID", ["o-own123"]),
        ("StringNotEquals", "aws:PrincipalOrgID", ["o-own123"]),
        ("StringEqualsIfExists", "aws:SourceAccount", ["111111111111"]),
        ("ForAllValues:StringEquals", "aws:PrincipalOrgID", ["o-own123"]),
        ("ArnLike", "aws:SourceArn", ["arn:aws:sns:eu-west-1:111111111111:topic"]),
        ("IpAddress", "aws:SourceIp", ["10.0.0.0/8"]),
        ("IpAddress", "aws:SourceIp", ["0.0.0.0/0"]),
        ("NotIpAddress", "aws:SourceIp", ["10.0.0.0/8"]),
        ("Bool", "aws:SecureTransport", ["false"]),
        ("Bool", "aws:SecureTransport", ["true"]),
        ("NumericLessThan", "s3:TlsVersion", ["1.2"]),
        ("StringLike", "aws:SourceVpce", ["vpce-*"]),
        ("StringEquals", "aws:SourceVpce", ["vpce-1234"]),
        ("Null", "aws:SourceVpce", ["false"]),
        ("FutureOperator", "aws:SourceAccount", ["111111111111"]),
        ("StringEquals", "kms:CallerAccount", ["999999999999"]),
        ("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", ["o-own123/*"]),
    ];

    [Fact]
    public void RandomDocuments_NeverThrow_AndPlainlyPublicOnesArePublic()
    {
        var random = new Random(20261123);
        var plainlyPublic = 0;
        for (var i = 0; i < 5_000; i++)
        {
            var json = RandomDocument(random).ToJsonString();

            var (access, admin, _) = AnalyzeAll(json);

            if (IsPlainlyPublic(json))
            {
                plainlyPublic++;
                Assert.True(access.Exposure == Exposure.Public, $"plainly public but {access.Exposure}: {json}");
            }

            if (IsPlainlyAdmin(json))
            {
                Assert.True(admin.Access == AdminAccess.Full, $"plainly admin but {admin.Access}: {json}");
            }
        }

        Assert.True(plainlyPublic > 100, $"the generator produced only {plainlyPublic} plainly public documents");
    }

    [Fact]
    public void PublicDocuments_StayPublic_UnderWideningMutations()
    {
        var random = new Random(4242);
        var checkedDocuments = 0;
        var attempts = 0;
        while (checkedDocuments < 2_000 && attempts++ < 50_000)
        {
            var document = RandomDocument(random);
            if (PolicyAnalysis.Of(document.ToJsonString()).Access(Options).Exposure != Exposure.Public)
            {
                continue;
            }

            checkedDocuments++;
            var steps = new List<string>();
            for (var step = 0; step < 4; step++)
            {
                steps.Add(Widen(document, random));
                var json = document.ToJsonString();
                var access = PolicyAnalysis.Of(json).Access(Options);
                Assert.True(access.Exposure == Exposure.Public,
                    $"after [{string.Join(", ", steps)}] the document is {access.Exposure} ({access.Error}): {json}");
            }
        }

        Assert.Equal(2_000, checkedDocuments);
    }

    [Fact]
    public void CorruptedDocuments_NeverThrow_NeverLoseAPlainlyPublicVerdict()
    {
        var random = new Random(7);
        for (var i = 0; i < 6_000; i++)
        {
            var json = Corrupt(RandomDocument(random).ToJsonString(), random);

            var (access, admin, wildcards) = AnalyzeAll(json);
            var again = PolicyAnalysis.Of(json).Access(Options);

            Assert.Equal(access.Exposure, again.Exposure);
            if (!access.Evaluated)
            {
                Assert.False(string.IsNullOrWhiteSpace(access.Error));
                Assert.Equal(AdminAccess.NotEvaluated, admin.Access);
                Assert.False(wildcards.Evaluated);
            }

            if (IsPlainlyPublic(json))
            {
                Assert.True(access.Exposure is Exposure.Public or Exposure.NotEvaluated, $"plainly public but {access.Exposure}: {json}");
            }
        }
    }

    /// <summary>
    /// Narrowing conditions (Operator, its negation, key, a narrow value, a value that opens it again or null).
    /// Each must make "Allow *" non-public; every way around it must make it public again.
    /// </summary>
    private static readonly (string Operator, string Negated, string Key, string Narrow, string? Broad)[] Narrowing =
    [
        ("StringEquals", "StringNotEquals", "aws:SourceAccount", "111111111111", null),
        ("StringLike", "StringNotLike", "aws:PrincipalAccount", "111111111111", "*"),
        ("StringEquals", "StringNotEquals", "kms:CallerAccount", "111111111111", null),
        ("StringEquals", "StringNotEquals", "aws:SourceOwner", "111111111111", null),
        ("ArnLike", "ArnNotLike", "aws:SourceArn", "arn:aws:sns:eu-west-1:111111111111:topic", "arn:aws:sns:*:*:*"),
        ("ArnEquals", "ArnNotEquals", "aws:PrincipalArn", "arn:aws:iam::111111111111:role/app", "arn:aws:iam::*:role/app"),
        ("StringLike", "StringNotLike", "aws:PrincipalOrgID", "o-own123", "o-*"),
        ("ForAnyValue:StringLike", "ForAnyValue:StringNotLike", "aws:PrincipalOrgPaths", "o-own123/r-ab12/*", "*"),
        ("StringEquals", "StringNotEquals", "aws:SourceVpce", "vpce-1a2b", null),
        ("StringLike", "StringNotLike", "aws:SourceVpc", "vpc-1a2b", "vpc-*"),
        ("IpAddress", "NotIpAddress", "aws:SourceIp", "10.1.0.0/16", "0.0.0.0/0"),
    ];

    [Fact]
    public void NarrowingConditions_Restrict_AndEveryBypassReopens()
    {
        var random = new Random(99);
        var cases = 0;
        for (var round = 0; round < 60; round++)
        {
            foreach (var (op, negated, key, narrow, broad) in Narrowing)
            {
                var principal = Pick(random, ["\"*\"", """{"AWS": "*"}""", """{"AWS": ["*", "111111111111"]}"""]);
                var action = StringOrList(random, ActionPool).ToJsonString();
                var resource = StringOrList(random, ["*", "arn:aws:s3:::bucket/*"]).ToJsonString();
                var extra = random.Next(2) == 0 ? "" : ", \"Bool\": {\"aws:SecureTransport\": \"true\"}";
                string AllowWith(string condition) =>
                    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": " + principal + ", \"Action\": " + action
                    + ", \"Resource\": " + resource + ", \"Condition\": {" + condition + extra + "}}]}";
                string AllowAndDeny(string denyCondition) =>
                    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": " + principal + ", \"Action\": " + action
                    + ", \"Resource\": " + resource + "}, {\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\", \"Condition\": {"
                    + denyCondition + "}}]}";
                string One(string o, params string[] values) => $"\"{o}\": {{\"{key}\": [{string.Join(", ", values.Select(v => $"\"{v}\""))}]}}";

                var ifExists = op + "IfExists";
                var forAll = "ForAllValues:" + op[(op.IndexOf(':', StringComparison.Ordinal) + 1)..];
                var bare = negated[(negated.IndexOf(':', StringComparison.Ordinal) + 1)..];

                AssertExposure(AllowWith(One(op, narrow)), expectPublic: false);
                AssertExposure(AllowWith(One(ifExists, narrow)), expectPublic: true);
                AssertExposure(AllowWith(One(forAll, narrow)), expectPublic: true);
                AssertExposure(AllowWith(One(negated, narrow)), expectPublic: true);
                AssertExposure(AllowWith(One("Future" + op.Replace(":", "", StringComparison.Ordinal), narrow)), expectPublic: true);

                AssertExposure(AllowAndDeny(One(bare, narrow)), expectPublic: false);
                AssertExposure(AllowAndDeny(One(bare + "IfExists", narrow)), expectPublic: false);
                AssertExposure(AllowAndDeny(One("ForAnyValue:" + bare, narrow)), expectPublic: true);
                AssertExposure(AllowAndDeny(One(op, narrow)), expectPublic: true);
                AssertExposure(AllowAndDeny(One(bare, narrow) + ", \"Bool\": {\"aws:SecureTransport\": \"false\"}"), expectPublic: true);
                cases += 10;

                if (broad is not null)
                {
                    AssertExposure(AllowWith(One(op, narrow, broad)), expectPublic: true);
                    AssertExposure(AllowAndDeny(One(bare, narrow, broad)), expectPublic: true);
                    cases += 2;
                }
            }
        }

        Assert.True(cases > 5_000, $"only {cases} cases");
    }

    private static void AssertExposure(string json, bool expectPublic)
    {
        var access = PolicyAnalysis.Of(json).Access(Options);
        Assert.True(access.Evaluated, $"{access.Error}: {json}");
        Assert.True(expectPublic == access.IsPublic, $"expected {(expectPublic ? "public" : "not public")}, got {access.Exposure}: {json}");
    }

    [Fact]
    public void HostileShapes_FinishQuickly_WithoutThrowing()
    {
        string[] documents =
        [
            "{\"Statement\": [" + string.Join(",", Enumerable.Repeat("""{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}""", 1_000)) + "]}",
            """{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["""
                + string.Join(",", Enumerable.Range(0, 2_000).Select(i => $"\"svc{i}:{new string('*', 20)}a\"")) + "]}]}",
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"" + string.Concat(Enumerable.Repeat("a*", 5_000)) + "b\"},"
                + "{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"" + string.Concat(Enumerable.Repeat("a*", 5_000)) + "\"}]}",
            "{\"Statement\": " + string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000) + "}",
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Condition\": {\"StringEquals\": {\"k\": ["
                + string.Join(",", Enumerable.Range(0, 5_000).Select(i => $"\"{i}\"")) + "]}}}]}",
        ];

        foreach (var json in documents)
        {
            var (access, _, _) = AnalyzeAll(json);
            Assert.True(access.Exposure is Exposure.Public or Exposure.NotEvaluated, $"{access.Exposure}: {access.Error}");
        }
    }

    private static (AccessReport Access, AdminReport Admin, WildcardReport Wildcards) AnalyzeAll(string json)
    {
        var analysis = PolicyAnalysis.Of(json);
        return (analysis.Access(Options), analysis.Admin(), analysis.Wildcards());
    }

    private static JsonObject RandomDocument(Random random)
    {
        var statements = new JsonArray();
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            statements.Add(RandomStatement(random, random.Next(4) == 0 ? "Deny" : "Allow"));
        }

        var document = new JsonObject();
        if (random.Next(4) > 0)
        {
            document["Version"] = random.Next(5) == 0 ? "2008-10-17" : "2012-10-17";
        }

        document["Statement"] = count == 1 && random.Next(3) == 0 ? statements[0]!.DeepClone() : statements;
        return document;
    }

    private static JsonObject RandomStatement(Random random, string effect)
    {
        var statement = new JsonObject { ["Effect"] = effect };
        if (random.Next(6) == 0)
        {
            statement["Sid"] = $"S{random.Next(100)}";
        }

        if (random.Next(10) > 0)
        {
            statement[random.Next(12) == 0 ? "NotPrincipal" : "Principal"] = JsonNode.Parse(Pick(random, PrincipalPool));
        }

        statement[random.Next(8) == 0 ? "NotAction" : "Action"] = StringOrList(random, ActionPool);
        if (random.Next(6) > 0)
        {
            statement[random.Next(10) == 0 ? "NotResource" : "Resource"] = StringOrList(random, ResourcePool);
        }

        if (random.Next(2) == 0)
        {
            var condition = new JsonObject();
            for (var i = random.Next(1, 3); i > 0; i--)
            {
                var (op, key, values) = Pick(random, ConditionPool);
                var block = condition[op] as JsonObject ?? new JsonObject();
                block[key] = values.Length == 1 && random.Next(2) == 0 ? values[0] : new JsonArray([.. values.Select(v => (JsonNode)v)]);
                condition[op] = block;
            }

            statement["Condition"] = condition;
        }

        return statement;
    }

    private static JsonNode StringOrList(Random random, string[] pool)
    {
        if (random.Next(2) == 0)
        {
            return Pick(random, pool);
        }

        var list = new JsonArray();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            list.Add(Pick(random, pool));
        }

        return list;
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static JsonArray StatementsOf(JsonObject document)
    {
        if (document["Statement"] is JsonObject single)
        {
            document["Statement"] = new JsonArray(single.DeepClone());
        }

        return (JsonArray)document["Statement"]!;
    }

    /// <summary>Applies one mutation that can only let more callers in; returns its name for the failure message.</summary>
    private static string Widen(JsonObject document, Random random)
    {
        var statements = StatementsOf(document);
        var allows = statements.OfType<JsonObject>().Where(s => (string?)s["Effect"] == "Allow").ToList();
        var denies = statements.OfType<JsonObject>().Where(s => (string?)s["Effect"] == "Deny").ToList();
        switch (random.Next(11))
        {
            case 0:
                statements.Add(RandomStatement(random, "Allow"));
                return "add an Allow";
            case 1 when denies.Count > 0:
                statements.Remove(Pick(random, [.. denies]));
                return "remove a Deny";
            case 2 when allows.Count > 0:
                AddTo(Pick(random, [.. allows]), "Action", Pick(random, ActionPool));
                return "add an action";
            case 3 when allows.Count > 0:
                AddTo(Pick(random, [.. allows]), "Resource", Pick(random, ResourcePool));
                return "add a resource";
            case 4 when allows.Count > 0 && Pick(random, [.. allows])["Principal"] is JsonObject principal:
                AddTo(principal, Pick(random, ["AWS", "Service", "CanonicalUser"]), Pick(random, ["333333333333", "arn:aws:iam::444444444444:role/x", "sns.amazonaws.com"]));
                return "add a principal";
            case 5 when allows.Count > 0 && Pick(random, [.. allows])["Condition"] is JsonObject condition:
                RemoveOne(condition, random);
                return "remove an Allow condition";
            case 6 when allows.Count > 0 && Pick(random, [.. allows])["Condition"] is JsonObject condition:
                AddConditionValue(condition, random, onlyNegated: false);
                return "add a value to an Allow condition";
            case 7 when denies.Count > 0 && Pick(random, [.. denies])["Condition"] is JsonObject condition:
                AddConditionValue(condition, random, onlyNegated: true);
                return "add a value to a negated Deny condition";
            case 8 when allows.Count > 0 && Pick(random, [.. allows])["Condition"] is JsonObject condition:
                RenameOperator(condition, random);
                return "IfExists/ForAllValues on an Allow condition";
            case 9 when denies.Count > 0:
                Pick(random, [.. denies])["Effect"] = "deny";
                return "lowercase a Deny";
            case 10:
                var all = statements.ToList();
                statements.Clear();
                foreach (var s in all.OrderBy(_ => random.Next()))
                {
                    statements.Add(s);
                }

                return "reorder statements";
            default:
                statements.Add(RandomStatement(random, "Allow"));
                return "add an Allow";
        }
    }

    private static void AddTo(JsonObject owner, string name, string value)
    {
        var list = owner[name] switch
        {
            JsonArray array => array,
            JsonValue single => new JsonArray((JsonNode)single.GetValue<string>()),
            _ => null,
        };
        if (list is null)
        {
            // NotAction / NotResource statements or a statement without the element: leave them alone.
            return;
        }

        list.Add(value);
        owner[name] = list.DeepClone();
    }

    private static void RemoveOne(JsonObject condition, Random random)
    {
        if (condition.Count == 0)
        {
            return;
        }

        var op = Pick(random, [.. condition.Select(p => p.Key)]);
        var block = (JsonObject)condition[op]!;
        block.Remove(Pick(random, [.. block.Select(p => p.Key)]));
        if (block.Count == 0)
        {
            condition.Remove(op);
        }
    }

    private static void AddConditionValue(JsonObject condition, Random random, bool onlyNegated)
    {
        var candidates = condition.Where(p => !onlyNegated || new PolicyCondition(p.Key, "k", []).IsNegated).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var block = (JsonObject)Pick(random, [.. candidates]).Value!;
        if (block.Count == 0)
        {
            return;
        }

        var key = Pick(random, [.. block.Select(p => p.Key)]);
        var values = block[key] is JsonArray array ? array.DeepClone().AsArray() : new JsonArray(block[key]!.DeepClone());
        values.Add(Pick(random, ["999999999999", "o-other", "0.0.0.0/0", "*", "vpce-other", "arn:aws:sns:*:*:*"]));
        block[key] = values;
    }

    private static void RenameOperator(JsonObject condition, Random random)
    {
        if (condition.Count == 0)
        {
            return;
        }

        var op = Pick(random, [.. condition.Select(p => p.Key)]);
        if (op.Contains(':', StringComparison.Ordinal) || op.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var renamed = random.Next(2) == 0 ? op + "IfExists" : "ForAllValues:" + op;
        if (condition.ContainsKey(renamed))
        {
            return;
        }

        var block = condition[op]!.DeepClone();
        condition.Remove(op);
        condition[renamed] = block;
    }

    /// <summary>Breaks the text in one of many ways: characters, structure, types, duplicates, encoding, depth.</summary>
    private static string Corrupt(string json, Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return json[..random.Next(json.Length)];
            case 1:
                return json.Remove(random.Next(json.Length), 1);
            case 2:
                return json.Insert(random.Next(json.Length), Pick(random, ["{", "}", "[", "]", ",", ":", "\"", "*", "%", "\\", "\u0000", "null", "\uFFFF", "é"]));
            case 3:
                return ReplaceValue(json, random, Pick(random, ["null", "42", "true", "{}", "[]", "[null]", "{\"x\": {\"y\": [1]}}", "\"\"", "[[[[[[\"*\"]]]]]]"]));
            case 4:
                return Uri.EscapeDataString(json);
            case 5:
                var at = json.IndexOf("\"Effect\"", StringComparison.Ordinal);
                return at < 0 ? json : json.Insert(at, "\"Effect\": \"Deny\", ");
            case 6:
                return json.Replace("\"Statement\"", Pick(random, ["\"statement\"", "\"Statements\"", "\"STATEMENT\""]), StringComparison.Ordinal);
            case 7:
                return json.Replace("\"Allow\"", Pick(random, ["\"allow\"", "\"ALLOW\"", "\"Alow\"", "1", "null"]), StringComparison.Ordinal);
            case 8:
                return new string('[', random.Next(10, 200)) + json + new string(']', random.Next(10, 200));
            default:
                var builder = new StringBuilder(json);
                for (var i = random.Next(1, 5); i > 0; i--)
                {
                    builder[random.Next(builder.Length)] = (char)random.Next(32, 256);
                }

                return builder.ToString();
        }
    }

    private static string ReplaceValue(string json, Random random, string replacement)
    {
        string[] names = ["\"Effect\": ", "\"Action\": ", "\"Resource\": ", "\"Principal\": ", "\"Condition\": ", "\"Version\": ", "\"AWS\": "];
        var name = Pick(random, names);
        var at = json.IndexOf(name, StringComparison.Ordinal);
        if (at < 0)
        {
            return json;
        }

        var node = JsonNode.Parse(json)!;
        var text = node.ToJsonString();
        // Replace the first value after the name by re-serialising through a node tree, so the rest stays valid JSON.
        return ReplaceFirst(node, name.Trim('"', ':', ' '), JsonNode.Parse(replacement)) ? node.ToJsonString() : text;
    }

    private static bool ReplaceFirst(JsonNode? node, string name, JsonNode? replacement)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj.ContainsKey(name))
                {
                    obj[name] = replacement;
                    return true;
                }

                return obj.Select(p => p.Value).ToList().Any(child => ReplaceFirst(child, name, replacement));
            case JsonArray array:
                return array.ToList().Any(child => ReplaceFirst(child, name, replacement));
            default:
                return false;
        }
    }

    /// <summary>
    /// A deliberately naive reader: a JSON object whose exact "Statement" holds an exact "Effect": "Allow" with Principal
    /// "*" or {"AWS": "*"}, an Action, and no Condition or NotPrincipal, in a document with no other Effect than "Allow"
    /// and no duplicate names. Such a document is public however the analysis reads the rest.
    /// </summary>
    private static bool IsPlainlyPublic(string json) => PlainStatements(json)?.Any(s =>
        s["Principal"] is JsonNode principal
        && (principal is JsonValue v && v.TryGetValue<string>(out var text) && text == "*"
            || principal is JsonObject { Count: 1 } p && p["AWS"] is JsonValue aws && aws.TryGetValue<string>(out var awsText) && awsText == "*")
        && s.ContainsKey("Action")) == true;

    /// <summary>Same naive reader: an Allow of Action "*" on Resource "*" without conditions and no Deny anywhere.</summary>
    private static bool IsPlainlyAdmin(string json) => PlainStatements(json)?.Any(s =>
        s["Action"] is JsonValue a && a.TryGetValue<string>(out var action) && action == "*"
        && s["Resource"] is JsonValue r && r.TryGetValue<string>(out var resource) && resource == "*") == true;

    private static List<JsonObject>? PlainStatements(string json)
    {
        try
        {
            return PlainStatements(JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 }));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            // JsonObject rejects a name given twice when it is first read: not a plain document.
            return null;
        }
    }

    private static List<JsonObject>? PlainStatements(JsonNode? root)
    {

        if (root is not JsonObject { Count: > 0 } document || document["Statement"] is not JsonNode statementNode)
        {
            return null;
        }

        var statements = statementNode switch
        {
            JsonObject one => [one],
            JsonArray many when many.All(s => s is JsonObject) => many.Cast<JsonObject>().ToList(),
            _ => null,
        };
        if (statements is null || statements.Any(s => s["Effect"] is not JsonValue effect || !effect.TryGetValue<string>(out var e) || e != "Allow"))
        {
            return null;
        }

        return statements.Where(s => !s.Any(p => p.Key.Equals("Condition", StringComparison.OrdinalIgnoreCase)
            || p.Key.Equals("NotPrincipal", StringComparison.OrdinalIgnoreCase))).ToList();
    }
}
