using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Dashboard.Aws.Access;
using Dashboard.Aws.Clients;
using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;
using Dashboard.Web.Data;
using Dashboard.Web.Scanning;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Scans;

/// <summary>One account of the organization as Organizations lists it, and whether the dashboard has it already.</summary>
public sealed record OrganizationMember(string AwsAccountId, string Name, string Email, string Status, bool OnDashboard)
{
    public bool Suspended => string.Equals(Status, "SUSPENDED", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why an import leaves this account out, or null when it can be added.</summary>
    public string? SkipReason => OnDashboard ? "already on the dashboard" : Suspended ? "suspended" : null;
}

/// <summary>The organization seen from a source account: its member accounts, or why they could not be listed.</summary>
/// <param name="Partition">The source identity's partition; imported role ARNs use it.</param>
public sealed record OrganizationListing(
    int SourceAccountId, string SourceAwsAccountId, string? OrganizationId, string? ManagementAccountId, string Partition,
    IReadOnlyList<OrganizationMember> Members, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>What the import applies to every selected account: one role name, one scope, one schedule.</summary>
public sealed class OrganizationImportForm
{
    /// <summary>The scanner role's name in every member account, optionally with a path: DashboardScanner, security/DashboardScanner.</summary>
    public string RoleName { get; set; } = "DashboardScanner";

    /// <summary>The profile whose identity assumes the member roles; empty = the host's default chain.</summary>
    public string? SourceProfile { get; set; }

    public string? Regions { get; set; }
    public string? CheckScope { get; set; }
    public string? Schedule { get; set; }
    public string? ScheduleTimeZone { get; set; }
}

public sealed record ImportedAccount(int Id, string AwsAccountId, string Name, string RoleArn, string ExternalId);

public sealed record SkippedAccount(string AwsAccountId, string Name, string Reason);

/// <summary>Field → message when nothing was added; otherwise what was added and what was left out, and why.</summary>
public sealed record OrganizationImportResult(IReadOnlyDictionary<string, string> Errors, IReadOnlyList<ImportedAccount> Added, IReadOnlyList<SkippedAccount> Skipped);

/// <summary>
/// Onboards an AWS Organization's member accounts in bulk: lists them from the management account or a delegated
/// administrator (reached with that account's configured access), then adds the selected ones with assume-role, one
/// role name, a fresh external id each, and a shared scope and schedule. Callers check the Operate policy.
/// </summary>
public sealed partial class OrganizationImport(
    IDbContextFactory<AppDbContext> dbFactory, AccountCommands commands, ScanSchedules schedules, AwsSourceCredentials source, AuditLog audit, TimeProvider clock)
{
    /// <summary>How long listing may take: a large organization is hundreds of ListAccounts pages, some of them throttled.</summary>
    public static readonly TimeSpan ListTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// sts:GetCallerIdentity (that the access reaches this account, and its partition), organizations:DescribeOrganization,
    /// then every page of organizations:ListAccounts. Failures come back as <see cref="OrganizationListing.Error"/>.
    /// </summary>
    public async Task<OrganizationListing> ListMembersAsync(int sourceAccountId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == sourceAccountId, cancellationToken);
        if (account is null)
        {
            return Failed("", "The source account no longer exists.");
        }

        if (account.IsDemo)
        {
            return Failed(account.AwsAccountId, "The demo accounts are not reachable in AWS; pick an account you added.");
        }

        var action = "sts:GetCallerIdentity";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ListTimeout);
            using var clients = InventorySource.Connect(account, source, out var region);
            var identity = await clients.Sts(region).GetCallerIdentityAsync(new GetCallerIdentityRequest(), timeout.Token);
            if (identity.Account != account.AwsAccountId)
            {
                return Failed(account.AwsAccountId, $"The access of {account.Name} reached account {identity.Account}, not {account.AwsAccountId}; fix the account's access method first.");
            }

            var partition = Arn.TryParse(identity.Arn, out var arn) ? arn.Partition : clients.Partition;
            var organizations = new OrganizationsClient(clients, AwsService.GlobalRegion(partition));
            action = "organizations:DescribeOrganization";
            var organization = await organizations.DescribeOrganizationAsync(timeout.Token);
            action = "organizations:ListAccounts";
            var listed = new List<AccountInfo>();
            var tokens = new HashSet<string>(StringComparer.Ordinal);
            string? next = null;
            do
            {
                var page = await organizations.ListAccountsAsync(next, timeout.Token);
                listed.AddRange(page.Items);
                next = page.NextToken;
                if (next is not null && !tokens.Add(next))
                {
                    return Failed(account.AwsAccountId, "Organizations returned the same ListAccounts page token twice; stopped listing.");
                }
            }
            while (next is not null);

            if (listed.Count == 0)
            {
                // An organization always holds at least its management account: an empty answer is an error, not "no members".
                return Failed(account.AwsAccountId, $"Organizations listed no accounts for organization {organization.Id}.");
            }

            var ids = listed.Select(a => a.Id).ToList();
            var present = (await db.Accounts.Where(a => ids.Contains(a.AwsAccountId)).Select(a => a.AwsAccountId).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            var members = listed.DistinctBy(a => a.Id)
                .Select(a => new OrganizationMember(a.Id, a.Name, a.Email, a.Status, present.Contains(a.Id)))
                .OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.AwsAccountId, StringComparer.Ordinal)
                .ToList();
            return new OrganizationListing(account.Id, account.AwsAccountId, organization.Id, organization.MasterAccountId, partition, members, null);
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == "AWSOrganizationsNotInUseException")
        {
            return Failed(account.AwsAccountId, $"Account {account.AwsAccountId} is not in an organization (AWSOrganizationsNotInUseException). "
                + "Pick the organization's management account or a delegated administrator.");
        }
        catch (AmazonServiceException ex) when (ErrorCodes.IsAccessDenied(ex.ErrorCode ?? ""))
        {
            return Failed(account.AwsAccountId, $"Access denied on {action}: account {account.AwsAccountId} is not the management account or a delegated "
                + $"administrator of its organization, or its role lacks {action}. ({ex.ErrorCode}: {ex.Message})");
        }
        catch (AmazonServiceException ex)
        {
            return Failed(account.AwsAccountId, $"{action} failed ({ex.ErrorCode}): {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(account.AwsAccountId, $"{action} did not answer within {ListTimeout.TotalMinutes:0} minutes.");
        }
        catch (Exception ex) when (ex is AccountAccessException or AmazonClientException or HttpRequestException or FormatException)
        {
            return Failed(account.AwsAccountId, $"Could not reach account {account.AwsAccountId} ({action}): {ex.Message}");
        }

        OrganizationListing Failed(string awsAccountId, string error) =>
            new(sourceAccountId, awsAccountId, null, null, "aws", [], error);
    }

    /// <summary>Field → message for the batch settings, empty when they are valid (the role name, then the account form's own rules).</summary>
    private Dictionary<string, string> Validate(OrganizationImportForm form, string partition)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (RoleNameError(form.RoleName) is { } roleError)
        {
            errors[nameof(form.RoleName)] = roleError;
        }

        // A sample account form carries the shared scope and schedule through the single-add rules.
        var sample = FormFor(new OrganizationMember("000000000000", "sample", "", "ACTIVE", false), form, partition, homeRegion: null, endpointUrl: null);
        foreach (var (field, message) in commands.Validate(sample))
        {
            var key = field switch
            {
                nameof(AccountForm.Profile) => nameof(form.SourceProfile),
                nameof(AccountForm.RoleArn) => nameof(form.RoleName),
                _ => field,
            };
            errors.TryAdd(key, message);
        }

        return errors;
    }

    /// <summary>
    /// Adds the selected members of <paramref name="listing"/> in one transaction, with their audit entries. Accounts
    /// already on the dashboard (also if added since the listing), suspended accounts and ids the listing does not hold
    /// are skipped and reported. Schedules are registered after the commit, as for a single add.
    /// </summary>
    public async Task<OrganizationImportResult> AddAsync(
        OrganizationListing listing, IReadOnlyCollection<string> selected, OrganizationImportForm form, string actor, string? actorId, CancellationToken cancellationToken)
    {
        if (!listing.Succeeded || listing.OrganizationId is null)
        {
            return Refused("", "Load the organization's accounts first.");
        }

        if (selected.Count == 0)
        {
            return Refused("", "Select at least one account to add.");
        }

        var errors = Validate(form, listing.Partition);
        if (errors.Count > 0)
        {
            return new OrganizationImportResult(errors, [], []);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sourceAccount = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == listing.SourceAccountId, cancellationToken);
        if (sourceAccount is null)
        {
            return Refused("", "The source account no longer exists.");
        }

        var members = listing.Members.ToDictionary(m => m.AwsAccountId, StringComparer.Ordinal);
        var wanted = selected.Select(id => id.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var present = (await db.Accounts.Where(a => wanted.Contains(a.AwsAccountId)).Select(a => a.AwsAccountId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var details = $"Imported from AWS Organizations {listing.OrganizationId} through account {listing.SourceAwsAccountId}.";
        var added = new List<CloudAccount>();
        var skipped = new List<SkippedAccount>();
        foreach (var id in wanted)
        {
            if (!members.TryGetValue(id, out var member))
            {
                skipped.Add(new SkippedAccount(id, "", $"not a member of organization {listing.OrganizationId}"));
                continue;
            }

            var reason = present.Contains(id) ? "already on the dashboard" : member.SkipReason;
            var accountForm = FormFor(member, form, listing.Partition, sourceAccount.HomeRegion, sourceAccount.EndpointUrl);
            if (reason is null && commands.Validate(accountForm) is { Count: > 0 } invalid)
            {
                reason = string.Join(" ", invalid.Values);
            }

            if (reason is not null)
            {
                skipped.Add(new SkippedAccount(id, member.Name, reason));
                continue;
            }

            var account = new CloudAccount { AwsAccountId = id, Name = accountForm.Name, CreatedAt = clock.GetUtcNow() };
            AccountCommands.CopyTo(accountForm, account);
            added.Add(db.Accounts.Add(account).Entity);
        }

        if (added.Count > 0)
        {
            // The accounts first (their audit entries show the new ids), then the entries; one transaction for both.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The unique account id index: someone added one of these accounts since the check above. Nothing is kept.
                return Refused("", "Some of these accounts were added by someone else meanwhile; nothing was added. Load the accounts again.");
            }

            db.AuditEvents.AddRange(added.Select(a =>
                audit.Entry("account.added", actor, actorId, target: $"account:{a.AwsAccountId}", after: AccountForm.From(a), details: details)));
            db.AuditEvents.Add(audit.Entry("accounts.imported", actor, actorId, target: $"organization:{listing.OrganizationId}",
                details: $"{details} Added {added.Count}: {string.Join(", ", added.Select(a => a.AwsAccountId))}."
                    + (skipped.Count == 0 ? "" : $" Skipped {skipped.Count}: {string.Join(", ", skipped.Select(s => $"{s.AwsAccountId} ({s.Reason})"))}.")));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var account in added)
            {
                schedules.Apply(account);
            }
        }

        return new OrganizationImportResult(errors, added.Select(a => new ImportedAccount(a.Id, a.AwsAccountId, a.Name, a.RoleArn!, a.ExternalId!)).ToList(), skipped);

        static OrganizationImportResult Refused(string field, string message) => new(new Dictionary<string, string> { [field] = message }, [], []);
    }

    /// <summary>The role ARN in <paramref name="accountId"/> for a role name with an optional path.</summary>
    public static string RoleArn(string partition, string accountId, string roleName) =>
        $"arn:{partition}:iam::{accountId}:role/{NormalizeRoleName(roleName)}";

    /// <summary>Why the text is not an IAM role name with an optional path, or null when it is.</summary>
    public static string? RoleNameError(string? roleName)
    {
        var text = roleName?.Trim() ?? "";
        if (text.Length == 0)
        {
            return "Name the scanner role deployed in every account, e.g. DashboardScanner.";
        }

        if (text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return "Give the role's name (e.g. DashboardScanner or security/DashboardScanner), not its ARN: the ARN differs per account.";
        }

        var normalized = NormalizeRoleName(text);
        var slash = normalized.LastIndexOf('/');
        var name = normalized[(slash + 1)..];
        var path = slash < 0 ? "" : normalized[..slash];
        if (!RoleNamePattern().IsMatch(name))
        {
            return $"\"{name}\" is not an IAM role name: 1 to 64 letters, digits and + = , . @ _ -.";
        }

        if (path.Length > 0 && (path.Length + 2 > 512 || !RolePathPattern().IsMatch(path)))
        {
            return $"\"{path}\" is not an IAM path: segments of printable characters without spaces, separated by /, at most 512 characters.";
        }

        return null;
    }

    private static string NormalizeRoleName(string roleName) => roleName.Trim().TrimStart('/');

    private static AccountForm FormFor(OrganizationMember member, OrganizationImportForm form, string partition, string? homeRegion, string? endpointUrl) => new()
    {
        AwsAccountId = member.AwsAccountId,
        Name = string.IsNullOrWhiteSpace(member.Name) ? member.AwsAccountId : member.Name.Trim(),
        AccessMethod = AccountAccessMethod.AssumeRole,
        Profile = form.SourceProfile,
        RoleArn = RoleNameError(form.RoleName) is null ? RoleArn(partition, member.AwsAccountId, form.RoleName) : null,
        HomeRegion = homeRegion,
        Regions = form.Regions,
        CheckScope = form.CheckScope,
        Schedule = form.Schedule,
        ScheduleTimeZone = form.ScheduleTimeZone,
        EndpointUrl = endpointUrl,
    };

    [GeneratedRegex("^[A-Za-z0-9_+=,.@-]{1,64}$")]
    private static partial Regex RoleNamePattern();

    // IAM's path rule between the outer slashes: printable ASCII (0x21-0x7E) segments, no empty segment.
    [GeneratedRegex(@"^[\u0021-\u002E\u0030-\u007E]+(/[\u0021-\u002E\u0030-\u007E]+)*$")]
    private static partial Regex RolePathPattern();
}
