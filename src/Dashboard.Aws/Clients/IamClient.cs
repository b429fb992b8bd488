using System.Globalization;
using System.Xml.Linq;
using Dashboard.Aws.Pipeline;

namespace Dashboard.Aws.Clients;

// IAM (query protocol, global). Operation and member names follow the official AWSSDK.IdentityManagement package so
// the class can be replaced by it later; only the members the collectors read are modelled.

public sealed record AttachedPolicyType(string PolicyName, string PolicyArn);

public sealed record PolicyDetail(string PolicyName, string? PolicyDocument);

public sealed record InstanceProfileType(string InstanceProfileName, string Arn, IReadOnlyList<string> RoleNames);

public sealed record UserDetail(
    string UserName, string UserId, string Arn, string Path, DateTimeOffset? CreateDate,
    IReadOnlyList<PolicyDetail> UserPolicyList, IReadOnlyList<string> GroupList, IReadOnlyList<AttachedPolicyType> AttachedManagedPolicies,
    string? PermissionsBoundaryArn, IReadOnlyDictionary<string, string> Tags);

public sealed record GroupDetail(
    string GroupName, string GroupId, string Arn, string Path,
    IReadOnlyList<PolicyDetail> GroupPolicyList, IReadOnlyList<AttachedPolicyType> AttachedManagedPolicies);

public sealed record RoleDetail(
    string RoleName, string RoleId, string Arn, string Path, DateTimeOffset? CreateDate, string? AssumeRolePolicyDocument,
    IReadOnlyList<InstanceProfileType> InstanceProfileList, IReadOnlyList<PolicyDetail> RolePolicyList,
    IReadOnlyList<AttachedPolicyType> AttachedManagedPolicies, string? PermissionsBoundaryArn,
    IReadOnlyDictionary<string, string> Tags, DateTimeOffset? RoleLastUsedDate, string? RoleLastUsedRegion);

public sealed record PolicyVersion(string VersionId, bool IsDefaultVersion, string? Document, DateTimeOffset? CreateDate);

public sealed record ManagedPolicyDetail(
    string PolicyName, string PolicyId, string Arn, string Path, string DefaultVersionId, int AttachmentCount,
    IReadOnlyList<PolicyVersion> PolicyVersionList);

public sealed record GetAccountAuthorizationDetailsResponse(
    IReadOnlyList<UserDetail> UserDetailList, IReadOnlyList<GroupDetail> GroupDetailList, IReadOnlyList<RoleDetail> RoleDetailList,
    IReadOnlyList<ManagedPolicyDetail> Policies, bool IsTruncated, string? Marker);

public sealed record GenerateCredentialReportResponse(string? State, string? Description);

public sealed record GetCredentialReportResponse(byte[] Content, string? ReportFormat, DateTimeOffset? GeneratedTime);

public sealed record PasswordPolicyType(
    int MinimumPasswordLength, bool RequireSymbols, bool RequireNumbers, bool RequireUppercaseCharacters, bool RequireLowercaseCharacters,
    bool AllowUsersToChangePassword, int? MaxPasswordAge, int? PasswordReusePrevention, bool HardExpiry);

public sealed record VirtualMFADeviceType(string SerialNumber, string? UserArn, DateTimeOffset? EnableDate);

public sealed record ListVirtualMFADevicesResponse(IReadOnlyList<VirtualMFADeviceType> VirtualMFADevices, bool IsTruncated, string? Marker);

public sealed record ServerCertificateMetadata(string ServerCertificateName, string Arn, DateTimeOffset? Expiration, DateTimeOffset? UploadDate);

public sealed record ListServerCertificatesResponse(IReadOnlyList<ServerCertificateMetadata> ServerCertificateMetadataList, bool IsTruncated, string? Marker);

public sealed record GetOpenIDConnectProviderResponse(string Url, IReadOnlyList<string> ClientIDList);

public sealed record ListOrganizationsFeaturesResponse(string? OrganizationId, IReadOnlyList<string> EnabledFeatures);

public sealed class IamClient(IAwsTransport transport, string region)
{
    private static readonly AwsService Service = AwsService.Iam;

    /// <summary>The largest page IAM's list calls allow: fewer round trips for large accounts.</summary>
    private const string MaxItems = "1000";

    /// <param name="filter">Entity kinds (User, Role, Group, LocalManagedPolicy, AWSManagedPolicy); empty means all.</param>
    public async Task<GetAccountAuthorizationDetailsResponse> GetAccountAuthorizationDetailsAsync(int? maxItems, string? marker, CancellationToken cancellationToken,
        IReadOnlyList<string>? filter = null)
    {
        var op = new AwsOperation("GetAccountAuthorizationDetails")
            .With("MaxItems", maxItems?.ToString(CultureInfo.InvariantCulture))
            .With("Marker", marker);
        for (var i = 0; i < (filter?.Count ?? 0); i++)
        {
            op.With($"Filter.member.{i + 1}", filter![i]);
        }

        var result = await CallAsync(op, cancellationToken);
        return new GetAccountAuthorizationDetailsResponse(
            result.Members("UserDetailList").Select(u => new UserDetail(
                u.Str("UserName") ?? "", u.Str("UserId") ?? "", u.Str("Arn") ?? "", u.Str("Path") ?? "/", u.Date("CreateDate"),
                PolicyDetails(u, "UserPolicyList"), u.Members("GroupList").Select(g => g.Value).ToList(), Attached(u),
                u.El("PermissionsBoundary")?.Str("PermissionsBoundaryArn"), u.Tags("Tags"))).ToList(),
            result.Members("GroupDetailList").Select(g => new GroupDetail(
                g.Str("GroupName") ?? "", g.Str("GroupId") ?? "", g.Str("Arn") ?? "", g.Str("Path") ?? "/",
                PolicyDetails(g, "GroupPolicyList"), Attached(g))).ToList(),
            result.Members("RoleDetailList").Select(r => new RoleDetail(
                r.Str("RoleName") ?? "", r.Str("RoleId") ?? "", r.Str("Arn") ?? "", r.Str("Path") ?? "/", r.Date("CreateDate"),
                PolicyText.UrlDecode(r.Str("AssumeRolePolicyDocument")),
                r.Members("InstanceProfileList").Select(p => new InstanceProfileType(
                    p.Str("InstanceProfileName") ?? "", p.Str("Arn") ?? "",
                    p.Members("Roles").Select(x => x.Str("RoleName") ?? "").ToList())).ToList(),
                PolicyDetails(r, "RolePolicyList"), Attached(r), r.El("PermissionsBoundary")?.Str("PermissionsBoundaryArn"), r.Tags("Tags"),
                r.El("RoleLastUsed")?.Date("LastUsedDate"), r.El("RoleLastUsed")?.Str("Region"))).ToList(),
            result.Members("Policies").Select(p => new ManagedPolicyDetail(
                p.Str("PolicyName") ?? "", p.Str("PolicyId") ?? "", p.Str("Arn") ?? "", p.Str("Path") ?? "/",
                p.Str("DefaultVersionId") ?? "v1", p.Int("AttachmentCount") ?? 0,
                p.Members("PolicyVersionList").Select(v => new PolicyVersion(
                    v.Str("VersionId") ?? "", v.Bool("IsDefaultVersion"), PolicyText.UrlDecode(v.Str("Document")), v.Date("CreateDate"))).ToList())).ToList(),
            result.Bool("IsTruncated"),
            result.Str("Marker"));
    }

    public async Task<GenerateCredentialReportResponse> GenerateCredentialReportAsync(CancellationToken cancellationToken)
    {
        var result = await CallAsync(new AwsOperation("GenerateCredentialReport"), cancellationToken);
        return new GenerateCredentialReportResponse(result.Str("State"), result.Str("Description"));
    }

    public async Task<GetCredentialReportResponse> GetCredentialReportAsync(CancellationToken cancellationToken)
    {
        var result = await CallAsync(new AwsOperation("GetCredentialReport"), cancellationToken);
        return new GetCredentialReportResponse(Convert.FromBase64String(result.Str("Content") ?? ""), result.Str("ReportFormat"), result.Date("GeneratedTime"));
    }

    public async Task<PasswordPolicyType> GetAccountPasswordPolicyAsync(CancellationToken cancellationToken)
    {
        var p = (await CallAsync(new AwsOperation("GetAccountPasswordPolicy"), cancellationToken)).El("PasswordPolicy")
            ?? throw new FormatException("GetAccountPasswordPolicy returned no PasswordPolicy");
        return new PasswordPolicyType(
            p.Int("MinimumPasswordLength") ?? 0, p.Bool("RequireSymbols"), p.Bool("RequireNumbers"), p.Bool("RequireUppercaseCharacters"),
            p.Bool("RequireLowercaseCharacters"), p.Bool("AllowUsersToChangePassword"), p.Int("MaxPasswordAge"), p.Int("PasswordReusePrevention"), p.Bool("HardExpiry"));
    }

    public async Task<Dictionary<string, int>> GetAccountSummaryAsync(CancellationToken cancellationToken)
    {
        var result = await CallAsync(new AwsOperation("GetAccountSummary"), cancellationToken);
        return result.Map("SummaryMap").ToDictionary(
            e => e.Key, e => int.TryParse(e.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0, StringComparer.Ordinal);
    }

    public async Task<ListVirtualMFADevicesResponse> ListVirtualMFADevicesAsync(string? marker, CancellationToken cancellationToken)
    {
        var result = await CallAsync(new AwsOperation("ListVirtualMFADevices").With("AssignmentStatus", "Any").With("MaxItems", MaxItems).With("Marker", marker), cancellationToken);
        return new ListVirtualMFADevicesResponse(
            result.Members("VirtualMFADevices").Select(d => new VirtualMFADeviceType(d.Str("SerialNumber") ?? "", d.El("User")?.Str("Arn"), d.Date("EnableDate"))).ToList(),
            result.Bool("IsTruncated"), result.Str("Marker"));
    }

    public async Task<IReadOnlyList<string>> ListSAMLProvidersAsync(CancellationToken cancellationToken) =>
        (await CallAsync(new AwsOperation("ListSAMLProviders"), cancellationToken)).Members("SAMLProviderList").Select(p => p.Str("Arn") ?? "").ToList();

    public async Task<IReadOnlyList<string>> ListOpenIDConnectProvidersAsync(CancellationToken cancellationToken) =>
        (await CallAsync(new AwsOperation("ListOpenIDConnectProviders"), cancellationToken)).Members("OpenIDConnectProviderList").Select(p => p.Str("Arn") ?? "").ToList();

    public async Task<GetOpenIDConnectProviderResponse> GetOpenIDConnectProviderAsync(string openIdConnectProviderArn, CancellationToken cancellationToken)
    {
        var result = await CallAsync(new AwsOperation("GetOpenIDConnectProvider").With("OpenIDConnectProviderArn", openIdConnectProviderArn), cancellationToken);
        return new GetOpenIDConnectProviderResponse(result.Str("Url") ?? "", result.Members("ClientIDList").Select(c => c.Value).ToList());
    }

    public async Task<ListServerCertificatesResponse> ListServerCertificatesAsync(string? marker, CancellationToken cancellationToken)
    {
        var result = await CallAsync(new AwsOperation("ListServerCertificates").With("MaxItems", MaxItems).With("Marker", marker), cancellationToken);
        return new ListServerCertificatesResponse(
            result.Members("ServerCertificateMetadataList").Select(c => new ServerCertificateMetadata(
                c.Str("ServerCertificateName") ?? "", c.Str("Arn") ?? "", c.Date("Expiration"), c.Date("UploadDate"))).ToList(),
            result.Bool("IsTruncated"), result.Str("Marker"));
    }

    public async Task<ListOrganizationsFeaturesResponse> ListOrganizationsFeaturesAsync(CancellationToken cancellationToken)
    {
        var result = await CallAsync(new AwsOperation("ListOrganizationsFeatures"), cancellationToken);
        return new ListOrganizationsFeaturesResponse(result.Str("OrganizationId"), result.Members("EnabledFeatures").Select(f => f.Value).ToList());
    }

    public async Task<IReadOnlyList<string>> ListAccountAliasesAsync(CancellationToken cancellationToken) =>
        (await CallAsync(new AwsOperation("ListAccountAliases"), cancellationToken)).Members("AccountAliases").Select(a => a.Value).ToList();

    private async Task<XElement> CallAsync(AwsOperation operation, CancellationToken cancellationToken) =>
        Xml.Result(await transport.SendAsync(Service, region, operation, cancellationToken), operation.Name);

    private static List<PolicyDetail> PolicyDetails(XElement entity, string listName) =>
        entity.Members(listName).Select(p => new PolicyDetail(p.Str("PolicyName") ?? "", PolicyText.UrlDecode(p.Str("PolicyDocument")))).ToList();

    private static List<AttachedPolicyType> Attached(XElement entity) =>
        entity.Members("AttachedManagedPolicies").Select(p => new AttachedPolicyType(p.Str("PolicyName") ?? "", p.Str("PolicyArn") ?? "")).ToList();
}

/// <summary>IAM returns policy documents URL-encoded (RFC 3986) inside the XML; decode exactly once.</summary>
public static class PolicyText
{
    public static string? UrlDecode(string? encoded)
    {
        if (encoded is null)
        {
            return null;
        }

        // RFC 3986 decoding: "+" stays "+" (a space is %20). Called once, where the document leaves the XML.
        try
        {
            return Uri.UnescapeDataString(encoded);
        }
        catch (UriFormatException)
        {
            return encoded;
        }
    }
}
