using Dashboard.Core.Policies;

namespace Dashboard.Core.Tests.Policies;

/// <summary>One policy document with the verdicts the analysis must reach. Null expectations are not asserted.</summary>
public sealed record PolicyFixture(
    string Name,
    string Json,
    Exposure Exposure,
    string[]? External = null,
    AdminAccess? Admin = null,
    WildcardLevel? Wildcard = null)
{
    public override string ToString() => Name;
}

/// <summary>
/// The bad-input and semantics corpus (checklist A1–A18). The owner account is 111111111111, its organization o-own123,
/// and 999999999999 is somebody else's account.
/// </summary>
public static class PolicyFixtures
{
    public const string Owner = "111111111111";
    public const string Stranger = "999999999999";
    public const string OwnOrg = "o-own123";

    public static readonly AccessOptions Options = new(Owner) { OrganizationId = OwnOrg };

    /// <summary>A one-statement resource policy: Allow s3:GetObject on a bucket for <paramref name="principal"/> with an optional Condition.</summary>
    private static string Allow(string principal, string? condition = null, string action = "\"s3:GetObject\"") =>
        $$"""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {{principal}}, "Action": {{action}},
          "Resource": "arn:aws:s3:::bucket/*"{{(condition is null ? "" : $", \"Condition\": {condition}")}}}]}
        """;

    /// <summary>An identity policy with one Allow statement.</summary>
    private static string Identity(string action, string resource = "\"*\"", string? extraStatement = null) =>
        $$"""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": {{action}}, "Resource": {{resource}}}{{(extraStatement is null ? "" : "," + extraStatement)}}]}
        """;

    private static readonly PolicyFixture[] Exposures =
    [
        new("public: Principal \"*\"", Allow("\"*\""), Exposure.Public),
        new("public: AWS \"*\"", Allow("""{"AWS": "*"}"""), Exposure.Public),
        new("public: AWS list containing \"*\"", Allow("""{"AWS": ["arn:aws:iam::111111111111:root", "*"]}"""), Exposure.Public),
        new("public: wildcard account ARN", Allow("""{"AWS": "arn:aws:iam::*:root"}"""), Exposure.Public),
        new("public: wildcard in a bare account id", Allow("""{"AWS": "1111111111*"}"""), Exposure.Public),
        new("public: single statement object", """{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}}""", Exposure.Public),
        new("public: Version 2008-10-17", """{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sqs:SendMessage", "Resource": "*"}]}""", Exposure.Public),
        new("public: no Version", """{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": "*"}]}""", Exposure.Public),
        new("public: Allow with NotPrincipal", """{"Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "s3:GetObject", "Resource": "*"}]}""", Exposure.Public),
        new("public: lowercase effect allow", """{"Statement": [{"Effect": "allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}""", Exposure.Public),
        new("public: condition only requires TLS", Allow("\"*\"", """{"Bool": {"aws:SecureTransport": "true"}}"""), Exposure.Public),
        new("public: negated account condition", Allow("\"*\"", """{"StringNotEquals": {"aws:SourceAccount": "999999999999"}}"""), Exposure.Public),
        new("public: IfExists account condition", Allow("\"*\"", """{"StringEqualsIfExists": {"aws:SourceAccount": "111111111111"}}"""), Exposure.Public),
        new("public: ForAllValues org condition", Allow("\"*\"", """{"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-own123"}}"""), Exposure.Public),
        new("public: account condition with wildcard", Allow("\"*\"", """{"StringLike": {"aws:SourceAccount": "1111*"}}"""), Exposure.Public),
        new("public: PrincipalArn with wildcard account", Allow("\"*\"", """{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/deploy"}}"""), Exposure.Public),
        new("public: org id wildcard", Allow("\"*\"", """{"StringLike": {"aws:PrincipalOrgID": "o-*"}}"""), Exposure.Public),
        new("public: SourceIp 0.0.0.0/0", Allow("\"*\"", """{"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}"""), Exposure.Public),
        new("public: SourceIp ::/0", Allow("\"*\"", """{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "::/0"]}}"""), Exposure.Public),
        new("public: IPv4-mapped IPv6 range of every address", Allow("\"*\"", """{"IpAddress": {"aws:SourceIp": "::ffff:0:0/96"}}"""), Exposure.Public),
        new("restricted: IPv4-mapped private range", Allow("\"*\"", """{"IpAddress": {"aws:SourceIp": "::ffff:10.0.0.0/104"}}"""), Exposure.Restricted),
        new("public: NotIpAddress", Allow("\"*\"", """{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"""), Exposure.Public),
        new("public: unknown operator", Allow("\"*\"", """{"StringEqualsFuture": {"aws:SourceAccount": "111111111111"}}"""), Exposure.Public),
        new("public: unknown set qualifier", Allow("\"*\"", """{"ForSomeValues:StringEquals": {"aws:SourceAccount": "111111111111"}}"""), Exposure.Public),
        new("public: Null check only", Allow("\"*\"", """{"Null": {"aws:SourceVpce": "false"}}"""), Exposure.Public),
        new("public: ExternalId is not a restriction", Allow("\"*\"", """{"StringEquals": {"sts:ExternalId": "secret"}}""", "\"sts:AssumeRole\""), Exposure.Public),
        new("public: policy variable account", Allow("\"*\"", """{"StringEquals": {"aws:SourceAccount": "${aws:PrincipalAccount}"}}"""), Exposure.Public),
        new("public: empty condition values", Allow("\"*\"", """{"StringEquals": {"aws:SourceAccount": []}}"""), Exposure.Public),
        new("public: wildcard S3 SourceArn", Allow("\"*\"", """{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::logs-*"}}"""), Exposure.Public),
        new("public: Deny with condition only on TLS", """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
              {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
            """, Exposure.Public),
        new("public: Deny covers only some actions", """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"},
              {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}]}
            """, Exposure.Public),
        new("public: lowercase deny is not trusted", """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"},
              {"Effect": "deny", "Principal": "*", "Action": "*", "Resource": "*"}]}
            """, Exposure.Public),
        new("public: Deny with ForAnyValue negated org", """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"},
              {"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"ForAnyValue:StringNotEquals": {"aws:PrincipalOrgID": "o-own123"}}}]}
            """, Exposure.Public),
        new("public: federated Google without audience", """
            {"Statement": [{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}
            """, Exposure.Public),
        new("public: CanonicalUser *", Allow("""{"CanonicalUser": "*"}"""), Exposure.Public),
        new("public: one open statement among private ones", """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "s3:*", "Resource": "*"},
              {"Sid": "Open", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*"}]}
            """, Exposure.Public),
        new("public: condition key case differs but operator negated", Allow("\"*\"", """{"stringnotequals": {"AWS:SOURCEACCOUNT": "111111111111"}}"""), Exposure.Public),

        new("owner: own account root", Allow("""{"AWS": "arn:aws:iam::111111111111:root"}"""), Exposure.OwnerOnly),
        new("owner: bare own account id", Allow("""{"AWS": "111111111111"}"""), Exposure.OwnerOnly),
        new("owner: service principal", Allow("""{"Service": ["cloudtrail.amazonaws.com", "config.amazonaws.com"]}"""), Exposure.OwnerOnly),
        new("owner: SourceAccount own", Allow("\"*\"", """{"StringEquals": {"aws:SourceAccount": "111111111111"}}"""), Exposure.OwnerOnly),
        new("owner: PrincipalAccount own", Allow("""{"AWS": "*"}""", """{"StringEquals": {"aws:PrincipalAccount": "111111111111"}}"""), Exposure.OwnerOnly),
        new("owner: kms:CallerAccount own", Allow("""{"AWS": "*"}""", """{"StringEquals": {"kms:CallerAccount": "111111111111", "kms:ViaService": "s3.eu-west-1.amazonaws.com"}}""", "\"kms:Decrypt\""), Exposure.OwnerOnly),
        new("owner: SourceOwner own (SNS)", Allow("\"*\"", """{"StringEquals": {"AWS:SourceOwner": "111111111111"}}""", "\"SNS:Publish\""), Exposure.OwnerOnly),
        new("owner: ArnLike SourceArn own account", Allow("\"*\"", """{"ArnLike": {"aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:111111111111:alarm:*"}}"""), Exposure.OwnerOnly),
        new("owner: PrincipalArn own role", Allow("\"*\"", """{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/app"}}"""), Exposure.OwnerOnly),
        new("owner: ResourceAccount variable", Allow("\"*\"", """{"StringEquals": {"aws:PrincipalAccount": "${aws:ResourceAccount}"}}"""), Exposure.OwnerOnly),
        new("owner: ForAnyValue account condition", Allow("\"*\"", """{"ForAnyValue:StringEquals": {"aws:SourceAccount": "111111111111"}}"""), Exposure.OwnerOnly),
        new("owner: unconditional Deny for everyone", """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
              {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}
            """, Exposure.OwnerOnly),
        new("owner: Deny everyone outside own account", """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"},
              {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalAccount": "111111111111"}}}]}
            """, Exposure.OwnerOnly),
        new("owner: Deny NotPrincipal own role", """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"},
              {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111111111111:role/app"}, "Action": "*", "Resource": "*"}]}
            """, Exposure.OwnerOnly),
        new("owner: dangling unique id", Allow("""{"AWS": "AROAEXAMPLEID123456"}"""), Exposure.OwnerOnly),
        new("owner: Deny-only document", """{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}]}""", Exposure.OwnerOnly),
        new("owner: identity policy (no principal)", Identity("\"s3:*\""), Exposure.OwnerOnly),
        new("owner: own OIDC provider", """
            {"Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}
            """, Exposure.OwnerOnly),
        new("owner: empty statement list", """{"Version": "2012-10-17", "Statement": []}""", Exposure.OwnerOnly),
        new("owner: unrelated Principal under stranger-only Deny", """
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "111111111111"}, "Action": "s3:GetObject", "Resource": "*"},
              {"Effect": "Deny", "Principal": {"AWS": "999999999999"}, "Action": "*", "Resource": "*"}]}
            """, Exposure.OwnerOnly),

        new("restricted: PrincipalOrgID own", Allow("\"*\"", """{"StringEquals": {"aws:PrincipalOrgID": "o-own123"}}"""), Exposure.Restricted),
        new("restricted: PrincipalOrgPaths", Allow("\"*\"", """{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-own123/r-ab12/ou-ab12-1111/*"}}"""), Exposure.Restricted),
        new("restricted: SourceVpce", Allow("\"*\"", """{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"""), Exposure.Restricted),
        new("restricted: SourceVpc", Allow("\"*\"", """{"StringEquals": {"aws:SourceVpc": "vpc-111bbb22"}}"""), Exposure.Restricted),
        new("restricted: private SourceIp", Allow("\"*\"", """{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.1.0/24"]}}"""), Exposure.Restricted),
        new("restricted: narrow public SourceIp", Allow("\"*\"", """{"IpAddress": {"aws:SourceIp": "203.0.113.7"}}"""), Exposure.Restricted),
        new("restricted: IPv6 /56", Allow("\"*\"", """{"IpAddress": {"aws:SourceIp": "2001:db8:1234:ab00::/56"}}"""), Exposure.Restricted),
        new("owner: service principal with bucket SourceArn", Allow("""{"Service": "s3.amazonaws.com"}""", """{"ArnLike": {"aws:SourceArn": "arn:aws:s3:::my-bucket"}}"""), Exposure.OwnerOnly),
        new("restricted: Principal * with bucket SourceArn", Allow("\"*\"", """{"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::my-bucket"}}"""), Exposure.Restricted),
        new("restricted: Deny outside own org", """
            {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
              {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-own123"}}}]}
            """, Exposure.Restricted),
        new("restricted: Cognito with audience", """
            {"Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity",
              "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:12345678-1234-1234-1234-123456789012"}}}]}
            """, Exposure.Restricted),

        new("cross: stranger account root", Allow("""{"AWS": "arn:aws:iam::999999999999:root"}"""), Exposure.CrossAccount, [Stranger]),
        new("cross: bare stranger id", Allow("""{"AWS": ["111111111111", "999999999999"]}"""), Exposure.CrossAccount, [Stranger]),
        new("cross: SourceAccount stranger", Allow("\"*\"", """{"StringEquals": {"aws:SourceAccount": ["111111111111", "999999999999"]}}"""), Exposure.CrossAccount, [Stranger]),
        new("cross: stranger assumed-role ARN", Allow("""{"AWS": "arn:aws:sts::999999999999:assumed-role/ops/alice"}"""), Exposure.CrossAccount, [Stranger]),
        new("cross: other organization", Allow("\"*\"", """{"StringEquals": {"aws:PrincipalOrgID": "o-other999"}}"""), Exposure.CrossAccount, []),
        new("cross: canonical user", Allow("""{"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}"""), Exposure.CrossAccount, []),
        new("cross: stranger with own-org condition stays cross-account", Allow("""{"AWS": "999999999999"}""", """{"StringEquals": {"aws:PrincipalOrgID": "o-own123"}}"""), Exposure.CrossAccount, [Stranger]),
        new("cross: unrecognised principal text", Allow("""{"AWS": "someone-else"}"""), Exposure.CrossAccount, []),
        new("cross: stranger's OIDC provider", """
            {"Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::999999999999:oidc-provider/example.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}
            """, Exposure.CrossAccount, [Stranger]),
        new("owner: stranger narrowed away by own-account condition", Allow("""{"AWS": "999999999999"}""", """{"StringEquals": {"aws:PrincipalAccount": "111111111111"}}"""), Exposure.OwnerOnly),
    ];

    private static readonly PolicyFixture[] Privileges =
    [
        new("admin: Action * Resource *", Identity("\"*\""), Exposure.OwnerOnly, Admin: AdminAccess.Full, Wildcard: WildcardLevel.Critical),
        new("admin: *:* Resource *", Identity("\"*:*\""), Exposure.OwnerOnly, Admin: AdminAccess.Full, Wildcard: WildcardLevel.Critical),
        new("admin: action list containing *", Identity("[\"s3:GetObject\", \"*\"]"), Exposure.OwnerOnly, Admin: AdminAccess.Full, Wildcard: WildcardLevel.Critical),
        new("admin: NotAction on *", """{"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}""", Exposure.OwnerOnly, Admin: AdminAccess.Full, Wildcard: WildcardLevel.Critical),
        new("admin: NotAction naming a made-up service", """{"Statement": [{"Effect": "Allow", "NotAction": "nosuchservice:Thing", "Resource": "*"}]}""", Exposure.OwnerOnly, Admin: AdminAccess.Full, Wildcard: WildcardLevel.Critical),
        new("admin: * on NotResource", """{"Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::secret/*"}]}""", Exposure.OwnerOnly, Admin: AdminAccess.Full, Wildcard: WildcardLevel.Critical),
        new("admin: * on arn:aws:*", Identity("\"*\"", "\"arn:aws:*\""), Exposure.OwnerOnly, Admin: AdminAccess.Full, Wildcard: WildcardLevel.Critical),
        new("admin: * with MFA condition still admin", """{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}""", Exposure.OwnerOnly, Admin: AdminAccess.Full, Wildcard: WildcardLevel.Critical),
        new("admin: iam:* on *", Identity("\"iam:*\""), Exposure.OwnerOnly, Admin: AdminAccess.PermissionsEscalation, Wildcard: WildcardLevel.High),
        new("admin: mixed-case IAM:PUT*", Identity("\"IAM:put*\""), Exposure.OwnerOnly, Admin: AdminAccess.PermissionsEscalation, Wildcard: WildcardLevel.Medium),
        new("admin: AttachRolePolicy on *", Identity("\"iam:AttachRolePolicy\""), Exposure.OwnerOnly, Admin: AdminAccess.PermissionsEscalation, Wildcard: WildcardLevel.Medium),
        new("admin: PassRole + RunInstances", Identity("[\"iam:PassRole\", \"ec2:RunInstances\"]"), Exposure.OwnerOnly, Admin: AdminAccess.PassRoleEscalation, Wildcard: WildcardLevel.Medium),
        new("admin: PassRole + lambda:Create* in another statement", Identity("\"iam:PassRole\"", extraStatement: """{"Effect": "Allow", "Action": "lambda:Create*", "Resource": "arn:aws:lambda:*:*:function:*"}"""),
            Exposure.OwnerOnly, Admin: AdminAccess.PassRoleEscalation, Wildcard: WildcardLevel.Medium),
        new("not admin: PassRole on one role", Identity("[\"iam:PassRole\", \"ec2:RunInstances\"]", "\"arn:aws:iam::111111111111:role/app\""), Exposure.OwnerOnly, Admin: AdminAccess.None, Wildcard: WildcardLevel.None),
        new("not admin: * denied unconditionally", Identity("\"*\"", extraStatement: """{"Effect": "Deny", "Action": "*", "Resource": "*"}"""), Exposure.OwnerOnly, Admin: AdminAccess.None, Wildcard: WildcardLevel.Critical),
        new("admin: conditional Deny does not cancel", Identity("\"*\"", extraStatement: """{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:ViaAWSService": "false"}}}"""), Exposure.OwnerOnly, Admin: AdminAccess.Full, Wildcard: WildcardLevel.Critical),
        new("not admin: read-only", Identity("[\"s3:Get*\", \"s3:List*\", \"ec2:Describe*\"]"), Exposure.OwnerOnly, Admin: AdminAccess.None, Wildcard: WildcardLevel.None),
        new("not admin: Deny * only", """{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}""", Exposure.OwnerOnly, Admin: AdminAccess.None, Wildcard: WildcardLevel.None),
        new("not admin: * on one bucket (wildcard High)", Identity("\"*\"", "\"arn:aws:s3:::bucket/*\""), Exposure.OwnerOnly, Admin: AdminAccess.None, Wildcard: WildcardLevel.High),
        new("not admin: s3:* on * (High)", Identity("\"s3:*\""), Exposure.OwnerOnly, Admin: AdminAccess.None, Wildcard: WildcardLevel.High),
        new("not admin: write on * (Medium)", Identity("[\"s3:PutObject\", \"s3:GetObject\"]"), Exposure.OwnerOnly, Admin: AdminAccess.None, Wildcard: WildcardLevel.Medium),
        new("not admin: sts:AssumeRole on * (Medium)", Identity("\"sts:AssumeRole\""), Exposure.OwnerOnly, Admin: AdminAccess.None, Wildcard: WildcardLevel.Medium),
        new("not admin: write on one ARN", Identity("\"s3:PutObject\"", "\"arn:aws:s3:::bucket/*\""), Exposure.OwnerOnly, Admin: AdminAccess.None, Wildcard: WildcardLevel.None),
        new("not admin: cross-service pattern *Object is High", Identity("\"*Object\"", "\"arn:aws:s3:::b/*\""), Exposure.OwnerOnly, Admin: AdminAccess.None, Wildcard: WildcardLevel.High),
        new("not admin: policy variable resource", Identity("\"iam:CreateAccessKey\"", "\"arn:aws:iam::111111111111:user/${aws:username}\""), Exposure.OwnerOnly, Admin: AdminAccess.None, Wildcard: WildcardLevel.None),
    ];

    private static readonly PolicyFixture[] BadInput =
    [
        new("bad: null", null!, Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: empty", "", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: whitespace", " \n\t ", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: invalid JSON", "{\"Statement\": [", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: still URL-encoded", "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%22%2A%22%7D%5D%7D", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: JSON null", "null", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: JSON string", "\"{\\\"Statement\\\": []}\"", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: no Statement", """{"Version": "2012-10-17"}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: Statement null", """{"Statement": null}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: unknown Version", """{"Version": "2020-01-01", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*"}]}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: Version not a string", """{"Version": 2012, "Statement": []}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: Effect missing", """{"Statement": [{"Principal": "*", "Action": "*", "Resource": "*"}]}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: Effect null", """{"Statement": [{"Effect": null, "Principal": "*", "Action": "*"}]}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: Action number", """{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": 5}]}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: Action object", """{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": {"s3": "*"}}]}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: neither Action nor NotAction", """{"Statement": [{"Effect": "Allow", "Principal": "*", "Resource": "*"}]}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: Principal null", """{"Statement": [{"Effect": "Allow", "Principal": null, "Action": "*"}]}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: Principal number", """{"Statement": [{"Effect": "Allow", "Principal": {"AWS": 123456789012}, "Action": "*"}]}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: duplicate Effect", """{"Statement": [{"Effect": "Deny", "Effect": "Allow", "Principal": "*", "Action": "*"}]}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: duplicate Statement", """{"Statement": [], "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*"}]}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: condition value null", """{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Condition": {"StringEquals": {"aws:SourceAccount": null}}}]}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: trailing comma", """{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*",}]}""", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: deeply nested", "{\"Statement\": " + new string('[', 500) + new string(']', 500) + "}", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
        new("bad: over the size cap", "{\"Statement\": [], \"Id\": \"" + new string('x', PolicyDocument.MaxLength) + "\"}", Exposure.NotEvaluated, Admin: AdminAccess.NotEvaluated),
    ];

    private static readonly PolicyFixture[] Encodings =
    [
        new("charset: Latin-1 and plus signs in values", """
            {"Statement": [{"Sid": "Caf\u00e9+1", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/a+b c\u00ff"}]}
            """, Exposure.Public),
        new("charset: BOM before the document", "\uFEFF{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\"}]}", Exposure.Public),
        new("charset: hostile Sid", """{"Statement": [{"Sid": "<script>alert(1)</script>=cmd|' /C calc'!A0", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}""", Exposure.Public),
    ];

    public static IReadOnlyList<PolicyFixture> All { get; } = [.. Exposures, .. Privileges, .. BadInput, .. Encodings];

    public static TheoryData<string> Names => [.. All.Select(f => f.Name)];

    public static PolicyFixture Find(string name) => All.Single(f => f.Name == name);
}
