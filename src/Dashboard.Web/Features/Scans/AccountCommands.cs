using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Dashboard.Aws.Access;
using Dashboard.Aws.Clients;
using Dashboard.Aws.Pipeline;
using Dashboard.Web.Data;
using Dashboard.Web.Scanning;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Scans;

/// <summary>What the accounts form edits. Holds no secret: keys stay in the host's credential chain or profiles.</summary>
public sealed class AccountForm
{
    public int? Id { get; set; }
    public string AwsAccountId { get; set; } = "";
    public string Name { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public AccountAccessMethod AccessMethod { get; set; }
    public string? Profile { get; set; }
    public string? RoleArn { get; set; }
    public string? ExternalId { get; set; }
    public string? HomeRegion { get; set; }
    public string? Regions { get; set; }
    public string? CheckScope { get; set; }
    public string? Schedule { get; set; }
    public string? ScheduleTimeZone { get; set; }
    public string? EndpointUrl { get; set; }

    public static AccountForm From(CloudAccount a) => new()
    {
        Id = a.Id, AwsAccountId = a.AwsAccountId, Name = a.Name, Enabled = a.Enabled, AccessMethod = a.AccessMethod, Profile = a.Profile,
        RoleArn = a.RoleArn, ExternalId = a.ExternalId, HomeRegion = a.HomeRegion, Regions = a.Regions, CheckScope = a.CheckScope,
        Schedule = a.Schedule, ScheduleTimeZone = a.ScheduleTimeZone, EndpointUrl = a.EndpointUrl,
    };
}

/// <summary>The identity a connection test reached, and what it could not do.</summary>
public sealed record ConnectionTestResult(bool Succeeded, string? Arn, string? AccountId, string? Error, IReadOnlyList<string> MissingPermissions);

/// <summary>Add, edit, disable and remove accounts; test a connection. Callers check the Operate policy.</summary>
public sealed partial class AccountCommands(
    IDbContextFactory<AppDbContext> dbFactory, ScanSchedules schedules, AwsSourceCredentials source, Dashboard.Core.Frameworks.FrameworkCatalog frameworks,
    AuditLog audit, TimeProvider clock)
{
    public static string NewExternalId() => "pd-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Field → message, empty when the form is valid.</summary>
    public IReadOnlyDictionary<string, string> Validate(AccountForm form)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!AccountIdPattern().IsMatch(form.AwsAccountId?.Trim() ?? ""))
        {
            errors[nameof(form.AwsAccountId)] = "An AWS account id is exactly 12 digits, e.g. 123456789012.";
        }

        if (string.IsNullOrWhiteSpace(form.Name))
        {
            errors[nameof(form.Name)] = "Give the account a name people recognise.";
        }
        else if (form.Name.Length > 200)
        {
            errors[nameof(form.Name)] = "The name is limited to 200 characters.";
        }

        if (form.AccessMethod == AccountAccessMethod.Profile && string.IsNullOrWhiteSpace(form.Profile))
        {
            errors[nameof(form.Profile)] = "Name the AWS profile (from the dashboard host's ~/.aws/config) to use.";
        }

        if (form.AccessMethod == AccountAccessMethod.AssumeRole)
        {
            var arnText = form.RoleArn?.Trim();
            if (!Arn.TryParse(arnText, out var arn) || arn.Service != "iam" || !arn.Resource.StartsWith("role/", StringComparison.Ordinal)
                || !AccountIdPattern().IsMatch(arn.AccountId) || !Arn.KnownPartitions.Contains(arn.Partition))
            {
                errors[nameof(form.RoleArn)] = "A role ARN looks like arn:aws:iam::123456789012:role/posture-dashboard-scanner.";
            }
            else if (AccountIdPattern().IsMatch(form.AwsAccountId?.Trim() ?? "") && arn.AccountId != form.AwsAccountId!.Trim())
            {
                errors[nameof(form.RoleArn)] = $"The role belongs to account {arn.AccountId}, not {form.AwsAccountId!.Trim()}.";
            }
        }

        foreach (var region in AccountScope.Split(form.Regions).Append(form.HomeRegion ?? "").Where(r => r.Length > 0))
        {
            if (!RegionPattern().IsMatch(region))
            {
                errors[nameof(form.Regions)] = $"\"{region}\" is not a region name (e.g. eu-west-1).";
                break;
            }
        }

        var unknown = AccountScope.Split(form.CheckScope)
            .Where(s => !frameworks.All.Any(f => string.Equals(f.Id, s, StringComparison.OrdinalIgnoreCase)) && Dashboard.Core.Checks.CheckCatalog.Default.Find(s) is null)
            .ToList();
        if (unknown.Count > 0)
        {
            errors[nameof(form.CheckScope)] = $"Unknown framework or check: {string.Join(", ", unknown)}.";
        }

        if (CronSchedule.Validate(form.Schedule) is { } cronError)
        {
            errors[nameof(form.Schedule)] = cronError;
        }

        // Checked even without a schedule: a zone stored now is the one a schedule added later is read in.
        if ((!string.IsNullOrWhiteSpace(form.Schedule) || !string.IsNullOrWhiteSpace(form.ScheduleTimeZone)) && CronSchedule.FindTimeZone(form.ScheduleTimeZone) is null)
        {
            errors[nameof(form.ScheduleTimeZone)] = $"Unknown time zone \"{form.ScheduleTimeZone}\"; use an IANA name such as Europe/Berlin, or leave empty for UTC.";
        }

        if (!string.IsNullOrWhiteSpace(form.EndpointUrl)
            && (!Uri.TryCreate(form.EndpointUrl.Trim(), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            errors[nameof(form.EndpointUrl)] = "The endpoint is an http(s) URL, e.g. http://localhost:4566.";
        }

        return errors;
    }

    /// <summary>Adds or updates the account and (re)registers its schedule. Returns the errors, or none and the id.</summary>
    public async Task<(IReadOnlyDictionary<string, string> Errors, int? Id)> SaveAsync(AccountForm form, string actor, string? actorId, CancellationToken cancellationToken)
    {
        var errors = Validate(form);
        if (errors.Count > 0)
        {
            return (errors, null);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var accountId = form.AwsAccountId.Trim();
        if (await db.Accounts.AnyAsync(a => a.AwsAccountId == accountId && a.Id != (form.Id ?? 0), cancellationToken))
        {
            return (new Dictionary<string, string> { [nameof(form.AwsAccountId)] = $"Account {accountId} is already on the dashboard." }, null);
        }

        var account = form.Id is { } id ? await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) : null;
        if (form.Id is not null && account is null)
        {
            return (new Dictionary<string, string> { [""] = "The account no longer exists." }, null);
        }

        var before = account is null ? null : AccountForm.From(account);
        account ??= db.Accounts.Add(new CloudAccount { AwsAccountId = accountId, Name = form.Name.Trim(), CreatedAt = clock.GetUtcNow() }).Entity;
        CopyTo(form, account);
        await db.SaveChangesAsync(cancellationToken);
        schedules.Apply(account);
        await audit.WriteAsync(before is null ? "account.added" : "account.updated", actor, actorId, target: $"account:{account.AwsAccountId}",
            before: before, after: AccountForm.From(account));
        return (errors, account.Id);
    }

    public async Task<bool> SetEnabledAsync(int id, bool enabled, string actor, string? actorId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return false;
        }

        account.Enabled = enabled;
        await db.SaveChangesAsync(cancellationToken);
        schedules.Apply(account);
        await audit.WriteAsync(enabled ? "account.enabled" : "account.disabled", actor, actorId, target: $"account:{account.AwsAccountId}");
        return true;
    }

    /// <summary>Removes the account with its runs and findings. Refused while a scan of it is queued or running.</summary>
    public async Task<string?> RemoveAsync(int id, string actor, string? actorId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null)
        {
            return "The account no longer exists.";
        }

        if (await db.ScanRuns.AnyAsync(r => r.AccountId == id && (r.State == ScanRunState.Queued || r.State == ScanRunState.Running), cancellationToken))
        {
            return "A scan of this account is queued or running; cancel it first.";
        }

        db.Accounts.Remove(account);
        await db.SaveChangesAsync(cancellationToken);
        schedules.Remove(id);
        await audit.WriteAsync("account.removed", actor, actorId, target: $"account:{account.AwsAccountId}");
        return null;
    }

    /// <summary>
    /// Reaches the account as a scan would (sts:GetCallerIdentity through the same credentials, profile and endpoint)
    /// and tries two cheap read calls the scanner needs (ec2:DescribeRegions, iam:GetAccountSummary); AccessDenied on
    /// them is reported as a missing permission. When a role cannot be assumed, the message names the source identity
    /// that tried, which is the principal the role's trust policy has to allow.
    /// </summary>
    public async Task<ConnectionTestResult> TestConnectionAsync(AccountForm form, CancellationToken cancellationToken)
    {
        var account = new CloudAccount { AwsAccountId = form.AwsAccountId.Trim(), Name = form.Name, AccessMethod = form.AccessMethod, Profile = form.Profile,
            RoleArn = form.RoleArn, ExternalId = form.ExternalId, HomeRegion = form.HomeRegion, Regions = form.Regions, EndpointUrl = form.EndpointUrl };
        var target = InventorySource.TargetOf(account);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            using var clients = InventorySource.Connect(account, source, out var region);
            GetCallerIdentityResponse identity;
            try
            {
                identity = await clients.Sts(region).GetCallerIdentityAsync(new GetCallerIdentityRequest(), timeout.Token);
            }
            catch (AccountAccessException ex) when (target.RoleArn is not null)
            {
                return Failed(await AssumeRoleFailureAsync(target, region, ex, timeout.Token));
            }

            var missing = new List<string>();
            var notVerified = new List<string>();
            await Probe("ec2:DescribeRegions", () => clients.Ec2(region).DescribeRegionsAsync(new DescribeRegionsRequest(), timeout.Token));
            await Probe("iam:GetAccountSummary", () => new IamClient(clients, region).GetAccountSummaryAsync(timeout.Token));
            var wrongAccount = identity.Account != account.AwsAccountId ? $"The credentials reached account {identity.Account}, not {account.AwsAccountId}." : null;
            var notChecked = notVerified.Count > 0 ? $"Could not check {string.Join(", ", notVerified)}." : null;
            return new ConnectionTestResult(wrongAccount is null, identity.Arn, identity.Account,
                string.Join(" ", new[] { wrongAccount, notChecked }.OfType<string>()) is { Length: > 0 } problems ? problems : null, missing);

            async Task Probe<T>(string action, Func<Task<T>> call)
            {
                try
                {
                    await call();
                }
                catch (AmazonServiceException ex) when (Dashboard.Core.Inventory.ErrorCodes.IsAccessDenied(ex.ErrorCode ?? ""))
                {
                    missing.Add(action);
                }
                catch (AmazonServiceException ex)
                {
                    // Throttled or unavailable: the identity was reached; say what could not be checked instead of failing the test.
                    notVerified.Add($"{action} ({ex.ErrorCode ?? ex.StatusCode.ToString()})");
                }
            }
        }
        catch (AmazonServiceException ex)
        {
            return Failed($"AWS refused the credentials: sts:GetCallerIdentity answered {ex.ErrorCode}: {ex.Message}");
        }
        catch (AccountAccessException ex)
        {
            return Failed(ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed("AWS did not answer within 30 seconds.");
        }
        catch (Exception ex) when (ex is AmazonClientException or HttpRequestException)
        {
            return Failed($"Could not reach AWS: {ex.Message}");
        }

        static ConnectionTestResult Failed(string error) => new(false, null, null, error, []);
    }

    /// <summary>Names the identity that tried to assume the role (the principal the trust policy must allow), if that identity works at all.</summary>
    private async Task<string> AssumeRoleFailureAsync(AccountTarget target, string region, AccountAccessException failure, CancellationToken cancellationToken)
    {
        var sourceTarget = target with { RoleArn = null, ExternalId = null };
        try
        {
            using var clients = AccountAccess.Connect(sourceTarget, source.Credentials, out _);
            var caller = await clients.Sts(region).GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
            return $"{caller.Arn} could not assume the role: {failure.Message}. The role's trust policy must allow {caller.Arn}"
                + (target.ExternalId is null ? "." : $" with the external id {target.ExternalId}.");
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or AccountAccessException or HttpRequestException)
        {
            return $"The source credentials do not work ({ex.Message}), so the role cannot be assumed: {failure.Message}";
        }
    }

    /// <summary>Copies a validated form onto the entity; an assume-role account keeps (or gets) its external id.</summary>
    internal static void CopyTo(AccountForm form, CloudAccount account)
    {
        account.AwsAccountId = form.AwsAccountId.Trim();
        account.Name = form.Name.Trim();
        account.Enabled = form.Enabled;
        account.AccessMethod = form.AccessMethod;
        account.Profile = Clean(form.Profile);
        account.RoleArn = form.AccessMethod == AccountAccessMethod.AssumeRole ? Clean(form.RoleArn) : null;
        account.ExternalId = form.AccessMethod == AccountAccessMethod.AssumeRole ? Clean(form.ExternalId) ?? account.ExternalId ?? NewExternalId() : account.ExternalId;
        account.HomeRegion = Clean(form.HomeRegion);
        account.Regions = AccountScope.Split(form.Regions) is { Count: > 0 } regions ? string.Join(",", regions) : null;
        account.CheckScope = AccountScope.Split(form.CheckScope) is { Count: > 0 } scope ? string.Join(",", scope) : null;
        account.Schedule = Clean(form.Schedule);
        account.ScheduleTimeZone = Clean(form.ScheduleTimeZone);
        account.EndpointUrl = Clean(form.EndpointUrl);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();
}
