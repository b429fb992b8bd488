using System.Globalization;
using Dashboard.Aws.Clients;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>
/// IAM, global: GetAccountAuthorizationDetails (paged, every policy version, documents URL-decoded once), the
/// credential report (generate, poll, get), password policy, account summary, virtual MFA devices, SAML and OIDC
/// providers, server certificates and the account alias. Pages are mapped to inventory records as they arrive and
/// dropped, so memory grows with the account's entities, not with the raw responses.
/// </summary>
public sealed class IamCollector : ICollector
{
    public static readonly IReadOnlyList<string> Actions =
    [
        "iam:GetAccountAuthorizationDetails", "iam:GenerateCredentialReport", "iam:GetCredentialReport",
        "iam:GetAccountPasswordPolicy", "iam:GetAccountSummary", "iam:ListVirtualMFADevices", "iam:ListSAMLProviders",
        "iam:ListOpenIDConnectProviders", "iam:GetOpenIDConnectProvider", "iam:ListServerCertificates", "iam:ListAccountAliases",
    ];

    private const string Service = "iam";

    public string Name => Service;
    public IReadOnlyList<string> IamActions => Actions;

    public async Task<Func<AccountInventory, AccountInventory>> CollectAsync(CollectionContext context, AccountInventory soFar, CancellationToken cancellationToken)
    {
        var iam = new IamClient(context.Transport, context.GlobalRegion);
        var authorization = AuthorizationDetailsAsync(context, iam, cancellationToken);
        var report = CredentialReportAsync(context, iam, cancellationToken);
        var passwordPolicy = context.CallAsync(Service, Regions.Global, "GetAccountPasswordPolicy", null, iam.GetAccountPasswordPolicyAsync, cancellationToken, "NoSuchEntity");
        var summary = context.CallAsync(Service, Regions.Global, "GetAccountSummary", null, iam.GetAccountSummaryAsync, cancellationToken);
        var mfa = VirtualMfaDevicesAsync(context, iam, cancellationToken);
        var saml = context.CallAsync(Service, Regions.Global, "ListSAMLProviders", null, iam.ListSAMLProvidersAsync, cancellationToken);
        var oidc = OidcProvidersAsync(context, iam, cancellationToken);
        var certificates = ServerCertificatesAsync(context, iam, cancellationToken);
        var aliases = context.CallAsync(Service, Regions.Global, "ListAccountAliases", null, iam.ListAccountAliasesAsync, cancellationToken);
        await Task.WhenAll(authorization, report, passwordPolicy, summary, mfa, saml, oidc, certificates, aliases);

        var (users, roles, groups, policies, profiles) = await authorization;
        var p = (await passwordPolicy).Value;
        var summaryMap = (await summary).Value;
        var data = new IamData
        {
            AccountSummary = summaryMap,
            PasswordPolicy = p is null ? null : new PasswordPolicy
            {
                MinimumPasswordLength = p.MinimumPasswordLength,
                RequireSymbols = p.RequireSymbols,
                RequireNumbers = p.RequireNumbers,
                RequireUppercaseCharacters = p.RequireUppercaseCharacters,
                RequireLowercaseCharacters = p.RequireLowercaseCharacters,
                AllowUsersToChangePassword = p.AllowUsersToChangePassword,
                MaxPasswordAge = p.MaxPasswordAge,
                PasswordReusePrevention = p.PasswordReusePrevention,
                HardExpiry = p.HardExpiry,
            },
            CredentialReport = WithRootPassword(await report, summaryMap),
            Users = users,
            Roles = roles,
            Groups = groups,
            Policies = policies,
            InstanceProfiles = profiles,
            OidcProviders = await oidc,
            SamlProviderArns = (await saml).Value ?? [],
            VirtualMfaDevices = await mfa,
            ServerCertificates = await certificates,
        };
        var alias = (await aliases).Value is [var first, ..] ? first : null;
        return inventory => inventory with { Iam = data, AccountAlias = alias ?? inventory.AccountAlias };
    }

    // The pages of one GetAccountAuthorizationDetails listing follow each other (each needs the previous marker), so
    // the largest kinds are listed side by side: the scan waits for the longest listing, not for all pages in a row.
    private static readonly IReadOnlyList<IReadOnlyList<string>> DetailFilters = [["Role"], ["LocalManagedPolicy"], ["User", "Group", "AWSManagedPolicy"]];

    private static async Task<(List<IamUser>, List<IamRole>, List<IamGroup>, List<IamManagedPolicy>, List<InstanceProfile>)> AuthorizationDetailsAsync(
        CollectionContext context, IamClient iam, CancellationToken cancellationToken)
    {
        var parts = await Task.WhenAll(DetailFilters.Select(filter => AuthorizationDetailsAsync(context, iam, filter, cancellationToken)));
        var profiles = new Dictionary<string, InstanceProfile>(StringComparer.Ordinal);
        foreach (var profile in parts.SelectMany(p => p.Profiles))
        {
            profiles.TryAdd(profile.Arn, profile);
        }

        return ([.. parts.SelectMany(p => p.Users)], [.. parts.SelectMany(p => p.Roles)], [.. parts.SelectMany(p => p.Groups)], [.. parts.SelectMany(p => p.Policies)], [.. profiles.Values]);
    }

    private sealed record Details(List<IamUser> Users, List<IamRole> Roles, List<IamGroup> Groups, List<IamManagedPolicy> Policies, List<InstanceProfile> Profiles);

    private static async Task<Details> AuthorizationDetailsAsync(CollectionContext context, IamClient iam, IReadOnlyList<string> filter, CancellationToken cancellationToken)
    {
        var users = new List<IamUser>();
        var roles = new List<IamRole>();
        var groups = new List<IamGroup>();
        var policies = new List<IamManagedPolicy>();
        var profiles = new Dictionary<string, InstanceProfile>(StringComparer.Ordinal);
        await context.PageAsync(Service, Regions.Global, "GetAccountAuthorizationDetails", null,
            (marker, ct) => iam.GetAccountAuthorizationDetailsAsync(context.Options.IamPageSize, marker, ct, filter),
            page => page.IsTruncated ? page.Marker ?? "" : null,
            page =>
            {
                users.AddRange(page.UserDetailList.Select(u => new IamUser
                {
                    UserName = u.UserName,
                    Arn = u.Arn,
                    UserId = u.UserId,
                    Path = u.Path,
                    CreateDate = u.CreateDate,
                    AttachedManagedPolicies = Attached(u.AttachedManagedPolicies),
                    InlinePolicies = Inline(u.UserPolicyList),
                    GroupNames = u.GroupList,
                    PermissionsBoundaryArn = u.PermissionsBoundaryArn,
                    Tags = u.Tags,
                }));
                roles.AddRange(page.RoleDetailList.Select(r => new IamRole
                {
                    RoleName = r.RoleName,
                    Arn = r.Arn,
                    RoleId = r.RoleId,
                    Path = r.Path,
                    CreateDate = r.CreateDate,
                    AssumeRolePolicyDocument = r.AssumeRolePolicyDocument,
                    AttachedManagedPolicies = Attached(r.AttachedManagedPolicies),
                    InlinePolicies = Inline(r.RolePolicyList),
                    PermissionsBoundaryArn = r.PermissionsBoundaryArn,
                    LastUsedDate = r.RoleLastUsedDate,
                    LastUsedRegion = r.RoleLastUsedRegion,
                    InstanceProfileNames = r.InstanceProfileList.Select(i => i.InstanceProfileName).ToList(),
                    Tags = r.Tags,
                }));
                foreach (var profile in page.RoleDetailList.SelectMany(r => r.InstanceProfileList))
                {
                    profiles.TryAdd(profile.Arn, new InstanceProfile(profile.InstanceProfileName, profile.Arn, profile.RoleNames));
                }

                groups.AddRange(page.GroupDetailList.Select(g => new IamGroup
                {
                    GroupName = g.GroupName,
                    Arn = g.Arn,
                    AttachedManagedPolicies = Attached(g.AttachedManagedPolicies),
                    InlinePolicies = Inline(g.GroupPolicyList),
                }));
                policies.AddRange(page.Policies.Select(p => new IamManagedPolicy
                {
                    PolicyName = p.PolicyName,
                    Arn = p.Arn,
                    IsAwsManaged = p.Arn.Contains(":iam::aws:policy/", StringComparison.Ordinal),
                    AttachmentCount = p.AttachmentCount,
                    DefaultVersionId = p.DefaultVersionId,
                    DefaultVersionDocument = p.PolicyVersionList.FirstOrDefault(v => v.IsDefaultVersion)?.Document
                        ?? p.PolicyVersionList.FirstOrDefault(v => v.VersionId == p.DefaultVersionId)?.Document,
                    Path = p.Path,
                    Versions = p.PolicyVersionList.Select(v => new IamPolicyVersion(v.VersionId, v.IsDefaultVersion, v.Document, v.CreateDate)).ToList(),
                }));
            },
            cancellationToken);
        return new Details(users, roles, groups, policies, [.. profiles.Values]);
    }

    // The report says "not_supported" for the root user's password; the account summary knows whether there is one.
    private static IReadOnlyList<CredentialReportRow> WithRootPassword(IReadOnlyList<CredentialReportRow> rows, Dictionary<string, int>? summary) =>
        summary is not null && summary.TryGetValue("AccountPasswordPresent", out var present)
            ? rows.Select(r => r.IsRoot ? r with { PasswordEnabled = present > 0 } : r).ToList()
            : rows;

    private static List<AttachedPolicy> Attached(IReadOnlyList<AttachedPolicyType> attached) =>
        attached.Select(a => new AttachedPolicy(a.PolicyName, a.PolicyArn)).ToList();

    private static List<InlinePolicy> Inline(IReadOnlyList<PolicyDetail> inline) =>
        inline.Select(i => new InlinePolicy(i.PolicyName, i.PolicyDocument)).ToList();

    /// <summary>GenerateCredentialReport until COMPLETE (bounded by the options' timeout), then GetCredentialReport.</summary>
    private static async Task<IReadOnlyList<CredentialReportRow>> CredentialReportAsync(CollectionContext context, IamClient iam, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + context.Options.CredentialReportTimeout;
        // A report generated in the last four hours is COMPLETE at once; a new one often takes well under a second, so
        // polls start at 100 ms and double up to the configured interval.
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var generate = await context.CallAsync(Service, Regions.Global, "GenerateCredentialReport", null, iam.GenerateCredentialReportAsync, cancellationToken);
            if (!generate.Succeeded)
            {
                return [];
            }

            if (string.Equals(generate.Value!.State, "COMPLETE", StringComparison.OrdinalIgnoreCase))
            {
                break;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                context.RecordError(new CollectionError(Service, Regions.Global, "GenerateCredentialReport", "ReportNotReady",
                    $"the credential report was still {generate.Value.State} after {context.Options.CredentialReportTimeout.TotalSeconds:0} s"));
                return [];
            }

            var wait = pause < context.Options.CredentialReportPollInterval ? pause : context.Options.CredentialReportPollInterval;
            await Task.Delay(wait, cancellationToken);
            pause *= 2;
        }

        var report = await context.CallAsync(Service, Regions.Global, "GetCredentialReport", null, iam.GetCredentialReportAsync, cancellationToken);
        if (!report.Succeeded)
        {
            return [];
        }

        try
        {
            return CredentialReport.Parse(System.Text.Encoding.UTF8.GetString(report.Value!.Content));
        }
        catch (FormatException ex)
        {
            context.RecordError(new CollectionError(Service, Regions.Global, "GetCredentialReport", "MalformedResponse", ex.Message));
            return [];
        }
    }

    private static async Task<IReadOnlyList<VirtualMfaDevice>> VirtualMfaDevicesAsync(CollectionContext context, IamClient iam, CancellationToken cancellationToken)
    {
        var devices = new List<VirtualMfaDevice>();
        await context.PageAsync(Service, Regions.Global, "ListVirtualMFADevices", null, iam.ListVirtualMFADevicesAsync,
            page => page.IsTruncated ? page.Marker ?? "" : null,
            page => devices.AddRange(page.VirtualMFADevices.Select(d => new VirtualMfaDevice(d.SerialNumber, d.UserArn, d.EnableDate))),
            cancellationToken);
        return devices;
    }

    private static async Task<IReadOnlyList<ServerCertificate>> ServerCertificatesAsync(CollectionContext context, IamClient iam, CancellationToken cancellationToken)
    {
        var certificates = new List<ServerCertificate>();
        await context.PageAsync(Service, Regions.Global, "ListServerCertificates", null, iam.ListServerCertificatesAsync,
            page => page.IsTruncated ? page.Marker ?? "" : null,
            page => certificates.AddRange(page.ServerCertificateMetadataList.Select(c => new ServerCertificate(c.ServerCertificateName, c.Arn, c.Expiration, c.UploadDate))),
            cancellationToken);
        return certificates;
    }

    private static async Task<IReadOnlyList<OidcProvider>> OidcProvidersAsync(CollectionContext context, IamClient iam, CancellationToken cancellationToken)
    {
        var arns = await context.CallAsync(Service, Regions.Global, "ListOpenIDConnectProviders", null, iam.ListOpenIDConnectProvidersAsync, cancellationToken);
        var providers = new List<OidcProvider>();
        foreach (var arn in arns.Value ?? [])
        {
            // NoSuchEntity: deleted between list and get; skip it.
            var provider = await context.CallAsync(Service, Regions.Global, "GetOpenIDConnectProvider", arn,
                ct => iam.GetOpenIDConnectProviderAsync(arn, ct), cancellationToken, "NoSuchEntity");
            if (provider.Succeeded)
            {
                providers.Add(new OidcProvider { Arn = arn, Url = provider.Value!.Url, ClientIds = provider.Value.ClientIDList });
            }
        }

        return providers;
    }
}

/// <summary>Parses the IAM credential report CSV (header row first; the root row is &lt;root_account&gt;).</summary>
public static class CredentialReport
{
    public static IReadOnlyList<CredentialReportRow> Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return [];
        }

        var header = SplitCsv(lines[0]);
        if (header.Count < 2 || header[0] != "user" || header[1] != "arn")
        {
            throw new FormatException("the credential report does not start with the user,arn header");
        }

        var index = header.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var rows = new List<CredentialReportRow>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var cells = SplitCsv(line);
            string? Cell(string name) => index.TryGetValue(name, out var i) && i < cells.Count ? cells[i] : null;
            rows.Add(new CredentialReportRow
            {
                User = Cell("user") ?? "",
                Arn = Cell("arn") ?? "",
                UserCreationTime = Date(Cell("user_creation_time")),
                PasswordEnabled = Cell("password_enabled") == "true",
                PasswordLastUsed = Date(Cell("password_last_used")),
                PasswordLastChanged = Date(Cell("password_last_changed")),
                MfaActive = Cell("mfa_active") == "true",
                AccessKey1Active = Cell("access_key_1_active") == "true",
                AccessKey1LastRotated = Date(Cell("access_key_1_last_rotated")),
                AccessKey1LastUsedDate = Date(Cell("access_key_1_last_used_date")),
                AccessKey2Active = Cell("access_key_2_active") == "true",
                AccessKey2LastRotated = Date(Cell("access_key_2_last_rotated")),
                AccessKey2LastUsedDate = Date(Cell("access_key_2_last_used_date")),
            });
        }

        return rows;
    }

    // N/A, not_supported and no_information are not dates.
    private static DateTimeOffset? Date(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
