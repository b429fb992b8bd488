using System.Globalization;
using System.Text;
using Dashboard.Core.Inventory;
using FakeAws.Wire;
using static FakeAws.Wire.X;

namespace FakeAws.Services;

public sealed class IamService : ServiceHandler
{
    private const int DefaultMaxItems = 100;

    public IamService()
    {
        On("GetAccountAuthorizationDetails", GetAccountAuthorizationDetails);
        On("GenerateCredentialReport", GenerateCredentialReport);
        On("GetCredentialReport", GetCredentialReport);
        On("GetAccountPasswordPolicy", GetAccountPasswordPolicy);
        On("GetAccountSummary", GetAccountSummary);
        On("ListVirtualMFADevices", ListVirtualMfaDevices);
        On("ListSAMLProviders", c => new object?[] { Members("SAMLProviderList", c.Inventory.Iam.SamlProviderArns, a => [E("Arn", a), E("ValidUntil", c.Inventory.CollectedAt.AddYears(5)), E("CreateDate", Created(c))]) });
        On("ListOpenIDConnectProviders", c => new object?[] { Members("OpenIDConnectProviderList", c.Inventory.Iam.OidcProviders, p => [E("Arn", p.Arn)]) });
        On("GetOpenIDConnectProvider", GetOpenIdConnectProvider);
        On("ListServerCertificates", ListServerCertificates);
        On("ListOrganizationsFeatures", ListOrganizationsFeatures);
        On("ListUsers", ListUsers);
        On("ListRoles", ListRoles);
        On("GetRole", GetRole);
        On("ListPolicies", ListPolicies);
        On("GetPolicyVersion", GetPolicyVersion);
        On("ListAccountAliases", c => new object?[] { MemberStrings("AccountAliases", c.Inventory.AccountAlias is { } a ? [a] : []), E("IsTruncated", false) });
    }

    public override ServiceInfo Info => ServiceInfo.All["iam"];

    public override string? Resource(Call call) =>
        call.P("RoleName") ?? call.P("PolicyArn") ?? call.P("OpenIDConnectProviderArn") ?? call.P("UserName");

    /// <summary>IAM returns policy documents URL-encoded (RFC 3986) inside the XML.</summary>
    public static string? Encode(string? document) => document is null ? null : Uri.EscapeDataString(document);

    private static DateTimeOffset Created(Call call) => call.Inventory.CollectedAt.AddDays(-400);

    private static object?[] Truncation(string? next) => [E("IsTruncated", next is not null), next is null ? null : E("Marker", next)];

    private static object GetAccountAuthorizationDetails(Call call)
    {
        var iam = call.Inventory.Iam;
        var filter = call.PList("Filter");
        bool Wants(string kind) => filter.Count == 0 || filter.Contains(kind);
        var entries = new List<object>();
        if (Wants("User"))
        {
            entries.AddRange(iam.Users);
        }

        if (Wants("Group"))
        {
            entries.AddRange(iam.Groups);
        }

        if (Wants("Role"))
        {
            entries.AddRange(iam.Roles);
        }

        entries.AddRange(iam.Policies.Where(p => p.IsAwsManaged ? Wants("AWSManagedPolicy") : Wants("LocalManagedPolicy")));

        var (page, next) = call.Page(entries, call.P("Marker"), call.PInt("MaxItems"), DefaultMaxItems);
        var created = Created(call);
        return new object?[]
        {
            new System.Xml.Linq.XElement("UserDetailList", page.OfType<IamUser>().Select(u => E("member",
                E("Path", u.Path), E("UserName", u.UserName), E("UserId", UserId(u)), E("Arn", u.Arn), E("CreateDate", u.CreateDate ?? created),
                InlineList("UserPolicyList", u.InlinePolicies),
                MemberStrings("GroupList", u.GroupNames),
                AttachedList(u.AttachedManagedPolicies),
                Boundary(u.PermissionsBoundaryArn),
                QueryTags(u.Tags)))),
            new System.Xml.Linq.XElement("GroupDetailList", page.OfType<IamGroup>().Select(g => E("member",
                E("Path", "/"), E("GroupName", g.GroupName), E("GroupId", Ids.Iam("AGPA", g.Arn)), E("Arn", g.Arn), E("CreateDate", created),
                InlineList("GroupPolicyList", g.InlinePolicies),
                AttachedList(g.AttachedManagedPolicies)))),
            new System.Xml.Linq.XElement("RoleDetailList", page.OfType<IamRole>().Select(r => E("member",
                E("Path", r.Path), E("RoleName", r.RoleName), E("RoleId", RoleId(r)), E("Arn", r.Arn), E("CreateDate", r.CreateDate ?? created),
                E("AssumeRolePolicyDocument", Encode(r.AssumeRolePolicyDocument)),
                Members("InstanceProfileList", InstanceProfilesOf(call, r), p => InstanceProfile(call, p)),
                InlineList("RolePolicyList", r.InlinePolicies),
                AttachedList(r.AttachedManagedPolicies),
                Boundary(r.PermissionsBoundaryArn),
                QueryTags(r.Tags),
                LastUsed(r)))),
            new System.Xml.Linq.XElement("Policies", page.OfType<IamManagedPolicy>().Select(p => E("member",
                E("PolicyName", p.PolicyName), E("PolicyId", Ids.Iam("ANPA", p.Arn)), E("Arn", p.Arn), E("Path", p.Path),
                E("DefaultVersionId", p.DefaultVersionId), E("AttachmentCount", p.AttachmentCount), E("PermissionsBoundaryUsageCount", 0),
                E("IsAttachable", true), E("CreateDate", created), E("UpdateDate", created),
                Members("PolicyVersionList", Versions(p), v => [E("Document", Encode(v.Document)), E("VersionId", v.VersionId), E("IsDefaultVersion", v.IsDefaultVersion), E("CreateDate", v.CreateDate ?? created)])))),
            Truncation(next),
        };
    }

    private static string UserId(IamUser u) => string.IsNullOrEmpty(u.UserId) ? Ids.Iam("AIDA", u.Arn) : u.UserId;

    private static string RoleId(IamRole r) => string.IsNullOrEmpty(r.RoleId) ? Ids.Iam("AROA", r.Arn) : r.RoleId;

    private static IReadOnlyList<IamPolicyVersion> Versions(IamManagedPolicy p) =>
        p.Versions.Count > 0 ? p.Versions : [new IamPolicyVersion(p.DefaultVersionId, true, p.DefaultVersionDocument, null)];

    private static System.Xml.Linq.XElement InlineList(string name, IReadOnlyList<InlinePolicy> policies) =>
        Members(name, policies, p => [E("PolicyName", p.PolicyName), E("PolicyDocument", Encode(p.Document))]);

    private static System.Xml.Linq.XElement AttachedList(IReadOnlyList<AttachedPolicy> policies) =>
        Members("AttachedManagedPolicies", policies, p => [E("PolicyName", p.PolicyName), E("PolicyArn", p.PolicyArn)]);

    private static System.Xml.Linq.XElement? Boundary(string? arn) =>
        arn is null ? null : E("PermissionsBoundary", E("PermissionsBoundaryType", "Policy"), E("PermissionsBoundaryArn", arn));

    private static System.Xml.Linq.XElement? LastUsed(IamRole r) =>
        r.LastUsedDate is null ? E("RoleLastUsed") : E("RoleLastUsed", E("LastUsedDate", r.LastUsedDate), E("Region", r.LastUsedRegion));

    private static List<InstanceProfile> InstanceProfilesOf(Call call, IamRole r)
    {
        var known = call.Inventory.Iam.InstanceProfiles.Where(p => p.RoleNames.Contains(r.RoleName)).ToList();
        foreach (var name in r.InstanceProfileNames.Where(n => known.All(k => k.InstanceProfileName != n)))
        {
            known.Add(new InstanceProfile(name, $"arn:{call.Inventory.Partition}:iam::{call.Inventory.AccountId}:instance-profile/{name}", [r.RoleName]));
        }

        return known;
    }

    private static object?[] InstanceProfile(Call call, InstanceProfile p) =>
    [
        E("Path", "/"), E("InstanceProfileName", p.InstanceProfileName), E("InstanceProfileId", Ids.Iam("AIPA", p.Arn)), E("Arn", p.Arn),
        E("CreateDate", Created(call)),
        Members("Roles", call.Inventory.Iam.Roles.Where(r => p.RoleNames.Contains(r.RoleName)), r => RoleSummary(call, r)),
    ];

    private static object?[] RoleSummary(Call call, IamRole r) =>
    [
        E("Path", r.Path), E("RoleName", r.RoleName), E("RoleId", RoleId(r)), E("Arn", r.Arn), E("CreateDate", r.CreateDate ?? Created(call)),
        E("AssumeRolePolicyDocument", Encode(r.AssumeRolePolicyDocument)), E("MaxSessionDuration", 3600),
    ];

    private static object GenerateCredentialReport(Call call)
    {
        var n = call.Account.StartCredentialReport();
        return n == 1
            ? [E("State", "STARTED"), E("Description", "No report exists. Starting a new report generation task")]
            : new object?[] { E("State", "COMPLETE") };
    }

    private static object GetCredentialReport(Call call)
    {
        switch (call.Account.CredentialReportGenerations)
        {
            case 0: throw new AwsException("ReportNotPresent", "Credential report not present. Call GenerateCredentialReport first.", 410);
            case 1: throw new AwsException("ReportInProgress", "Credential report generation is in progress.", 404);
        }

        return new object?[]
        {
            E("Content", Convert.ToBase64String(Encoding.UTF8.GetBytes(CredentialReportCsv(call.Inventory)))),
            E("ReportFormat", "text/csv"),
            E("GeneratedTime", call.Inventory.CollectedAt),
        };
    }

    /// <summary>The credential report in AWS's column layout (22 columns, root row first).</summary>
    public static string CredentialReportCsv(AccountInventory inventory)
    {
        var rows = inventory.Iam.CredentialReport.Count > 0
            ? inventory.Iam.CredentialReport
            : [new CredentialReportRow { User = CredentialReportRow.RootUserName, Arn = inventory.RootArn },
               .. inventory.Iam.Users.Select(u => new CredentialReportRow { User = u.UserName, Arn = u.Arn, UserCreationTime = u.CreateDate })];
        var sb = new StringBuilder("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,"
            + "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
            + "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,"
            + "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n");
        static string D(DateTimeOffset? d, string none = "N/A") => d is null ? none : d.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
        static string B(bool b) => b ? "true" : "false";
        foreach (var r in rows)
        {
            var root = r.IsRoot;
            string[] cells =
            [
                r.User, r.Arn, D(r.UserCreationTime),
                root ? "not_supported" : B(r.PasswordEnabled),
                r.PasswordLastUsed is not null ? D(r.PasswordLastUsed) : r.PasswordEnabled || root ? "no_information" : "N/A",
                root ? "not_supported" : D(r.PasswordLastChanged),
                root ? "not_supported" : "N/A",
                B(r.MfaActive),
                B(r.AccessKey1Active), D(r.AccessKey1LastRotated), D(r.AccessKey1LastUsedDate),
                r.AccessKey1LastUsedDate is null ? "N/A" : "us-east-1", r.AccessKey1LastUsedDate is null ? "N/A" : "sts",
                B(r.AccessKey2Active), D(r.AccessKey2LastRotated), D(r.AccessKey2LastUsedDate),
                r.AccessKey2LastUsedDate is null ? "N/A" : "us-east-1", r.AccessKey2LastUsedDate is null ? "N/A" : "sts",
                "false", "N/A", "false", "N/A",
            ];
            sb.Append(string.Join(',', cells)).Append('\n');
        }

        return sb.ToString();
    }

    private static object GetAccountPasswordPolicy(Call call)
    {
        var p = call.Inventory.Iam.PasswordPolicy
            ?? throw new AwsException("NoSuchEntity", $"The Password Policy with domain name {call.Inventory.AccountId} cannot be found.", 404);
        return new object?[]
        {
            E("PasswordPolicy",
                E("MinimumPasswordLength", p.MinimumPasswordLength),
                E("RequireSymbols", p.RequireSymbols),
                E("RequireNumbers", p.RequireNumbers),
                E("RequireUppercaseCharacters", p.RequireUppercaseCharacters),
                E("RequireLowercaseCharacters", p.RequireLowercaseCharacters),
                E("AllowUsersToChangePassword", p.AllowUsersToChangePassword),
                E("ExpirePasswords", p.MaxPasswordAge is > 0),
                p.MaxPasswordAge is null ? null : E("MaxPasswordAge", p.MaxPasswordAge.Value),
                p.PasswordReusePrevention is null ? null : E("PasswordReusePrevention", p.PasswordReusePrevention.Value),
                E("HardExpiry", p.HardExpiry)),
        };
    }

    private static object GetAccountSummary(Call call)
    {
        var iam = call.Inventory.Iam;
        var root = iam.CredentialReport.FirstOrDefault(r => r.IsRoot);
        var map = iam.AccountSummary ?? new Dictionary<string, int>
        {
            ["Users"] = iam.Users.Count,
            ["Roles"] = iam.Roles.Count,
            ["Groups"] = iam.Groups.Count,
            ["Policies"] = iam.Policies.Count(p => !p.IsAwsManaged),
            ["Providers"] = iam.OidcProviders.Count + iam.SamlProviderArns.Count,
            ["ServerCertificates"] = iam.ServerCertificates.Count,
            ["MFADevices"] = iam.VirtualMfaDevices.Count,
            ["MFADevicesInUse"] = iam.VirtualMfaDevices.Count(d => d.UserArn is not null),
            ["AccountMFAEnabled"] = root?.MfaActive == true ? 1 : 0,
            ["AccountAccessKeysPresent"] = root is { AccessKey1Active: true } or { AccessKey2Active: true } ? 1 : 0,
            ["AccountSigningCertificatesPresent"] = 0,
            ["UsersQuota"] = 5000,
            ["RolesQuota"] = 1000,
        };
        return new object?[] { new System.Xml.Linq.XElement("SummaryMap", map.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => E("entry", E("key", e.Key), E("value", e.Value)))) };
    }

    private static object ListVirtualMfaDevices(Call call)
    {
        var status = call.P("AssignmentStatus") ?? "Any";
        var devices = call.Inventory.Iam.VirtualMfaDevices
            .Where(d => status == "Any" || (status == "Assigned") == (d.UserArn is not null)).ToArray();
        var (page, next) = call.Page(devices, call.P("Marker"), call.PInt("MaxItems"), DefaultMaxItems);
        return new object?[]
        {
            Members("VirtualMFADevices", page, d => [E("SerialNumber", d.SerialNumber), MfaUser(call, d.UserArn), E("EnableDate", d.EnableDate)]),
            Truncation(next),
        };
    }

    private static System.Xml.Linq.XElement? MfaUser(Call call, string? arn)
    {
        if (arn is null)
        {
            return null;
        }

        if (arn.EndsWith(":root", StringComparison.Ordinal))
        {
            return E("User", E("UserId", call.Inventory.AccountId), E("Arn", arn), E("CreateDate", Created(call)));
        }

        var user = call.Inventory.Iam.Users.FirstOrDefault(u => u.Arn == arn);
        return E("User", E("Path", user?.Path ?? "/"), E("UserName", user?.UserName ?? arn[(arn.LastIndexOf('/') + 1)..]),
            E("UserId", user is null ? Ids.Iam("AIDA", arn) : UserId(user)), E("Arn", arn), E("CreateDate", user?.CreateDate ?? Created(call)));
    }

    private static object GetOpenIdConnectProvider(Call call)
    {
        var arn = call.P("OpenIDConnectProviderArn");
        var p = call.Inventory.Iam.OidcProviders.FirstOrDefault(o => o.Arn == arn)
            ?? throw new AwsException("NoSuchEntity", $"OpenIDConnect Provider not found for arn {arn}", 404);
        return new object?[]
        {
            E("Url", p.Url),
            MemberStrings("ClientIDList", p.ClientIds),
            MemberStrings("ThumbprintList", [Ids.Hex(p.Url, 40)]),
            E("CreateDate", Created(call)),
        };
    }

    private static object ListServerCertificates(Call call)
    {
        var (page, next) = call.Page(call.Inventory.Iam.ServerCertificates, call.P("Marker"), call.PInt("MaxItems"), DefaultMaxItems);
        return new object?[]
        {
            Members("ServerCertificateMetadataList", page, c => [E("Path", "/"), E("ServerCertificateName", c.ServerCertificateName),
                E("ServerCertificateId", Ids.Iam("ASCA", c.Arn)), E("Arn", c.Arn), E("UploadDate", c.UploadDate), E("Expiration", c.Expiration)]),
            Truncation(next),
        };
    }

    private static object ListOrganizationsFeatures(Call call)
    {
        var org = call.Inventory.Organization
            ?? throw new AwsException("OrganizationNotFoundException", "The request was rejected because no organization is associated with your account.", 400);
        return new object?[] { E("OrganizationId", org.Id), MemberStrings("EnabledFeatures", org.EnabledIamFeatures) };
    }

    private static object ListUsers(Call call)
    {
        var (page, next) = call.Page(call.Inventory.Iam.Users, call.P("Marker"), call.PInt("MaxItems"), DefaultMaxItems);
        return new object?[]
        {
            Members("Users", page, u => [E("Path", u.Path), E("UserName", u.UserName), E("UserId", UserId(u)), E("Arn", u.Arn), E("CreateDate", u.CreateDate ?? Created(call))]),
            Truncation(next),
        };
    }

    private static object ListRoles(Call call)
    {
        var (page, next) = call.Page(call.Inventory.Iam.Roles, call.P("Marker"), call.PInt("MaxItems"), DefaultMaxItems);
        return new object?[] { Members("Roles", page, r => RoleSummary(call, r)), Truncation(next) };
    }

    private static object GetRole(Call call)
    {
        var name = call.P("RoleName");
        var r = call.Inventory.Iam.Roles.FirstOrDefault(x => x.RoleName == name)
            ?? throw new AwsException("NoSuchEntity", $"The role with name {name} cannot be found.", 404);
        return new object?[] { E("Role", RoleSummary(call, r), Boundary(r.PermissionsBoundaryArn), QueryTags(r.Tags), LastUsed(r)) };
    }

    private static object ListPolicies(Call call)
    {
        var scope = call.P("Scope") ?? "All";
        var onlyAttached = call.P("OnlyAttached") == "true";
        var policies = call.Inventory.Iam.Policies
            .Where(p => scope == "All" || (scope == "AWS") == p.IsAwsManaged)
            .Where(p => !onlyAttached || p.AttachmentCount > 0).ToArray();
        var (page, next) = call.Page(policies, call.P("Marker"), call.PInt("MaxItems"), DefaultMaxItems);
        return new object?[]
        {
            Members("Policies", page, p => [E("PolicyName", p.PolicyName), E("PolicyId", Ids.Iam("ANPA", p.Arn)), E("Arn", p.Arn), E("Path", p.Path),
                E("DefaultVersionId", p.DefaultVersionId), E("AttachmentCount", p.AttachmentCount), E("PermissionsBoundaryUsageCount", 0),
                E("IsAttachable", true), E("CreateDate", Created(call)), E("UpdateDate", Created(call))]),
            Truncation(next),
        };
    }

    private static object GetPolicyVersion(Call call)
    {
        var arn = call.P("PolicyArn");
        var versionId = call.P("VersionId");
        var p = call.Inventory.Iam.Policies.FirstOrDefault(x => x.Arn == arn)
            ?? throw new AwsException("NoSuchEntity", $"Policy {arn} was not found.", 404);
        var v = Versions(p).FirstOrDefault(x => x.VersionId == versionId)
            ?? throw new AwsException("NoSuchEntity", $"Policy {arn} version {versionId} does not exist or is not attachable.", 404);
        return new object?[]
        {
            E("PolicyVersion", E("Document", Encode(v.Document)), E("VersionId", v.VersionId), E("IsDefaultVersion", v.IsDefaultVersion), E("CreateDate", v.CreateDate ?? Created(call))),
        };
    }
}
