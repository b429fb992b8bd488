using System.Diagnostics;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Dashboard.Aws.Access;
using Dashboard.Aws.Collectors;
using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws;

/// <summary>The outcome of collecting one account: the inventory (with every error) and the calls made.</summary>
public sealed record CollectionResult(AccountInventory Inventory, IReadOnlyDictionary<string, int> CallsByOperation, TimeSpan Duration)
{
    public int TotalCalls => CallsByOperation.Values.Sum();
}

/// <summary>Where a collection stands: collector units done of total, the units running now, calls made and errors so far.</summary>
public sealed record CollectionProgress(int UnitsDone, int UnitsTotal, string? CurrentUnit, int CallsMade, int ErrorsSoFar);

/// <summary>
/// Collects one account: resolves credentials, identifies the account (sts:GetCallerIdentity gives the id and the
/// partition), works out the regions in scope, then runs every collector with bounded concurrency.
/// </summary>
public sealed class AccountCollector(IReadOnlyList<ICollector> collectors, CollectionOptions options, TimeProvider? time = null)
{
    public static readonly IReadOnlyList<string> Actions = ["sts:GetCallerIdentity", "ec2:DescribeRegions"];

    public AccountCollector(CollectionOptions options)
        : this(CollectorCatalog.All, options)
    {
    }

    public IReadOnlyList<ICollector> Collectors { get; } = collectors;

    /// <summary>Collects the account. Throws <see cref="AccountAccessException"/> when it cannot be reached at all.</summary>
    public Task<CollectionResult> CollectAsync(AccountTarget target, CancellationToken cancellationToken) =>
        CollectAsync(target, null, cancellationToken);

    /// <summary>Collects with explicit source credentials instead of the default chain or profile.</summary>
    public Task<CollectionResult> CollectAsync(AccountTarget target, AWSCredentials? sourceCredentials, CancellationToken cancellationToken) =>
        CollectAsync(target, sourceCredentials, null, cancellationToken);

    /// <summary>
    /// Collects and reports progress: after identification, when each collector starts and ends, and on every call.
    /// The callback runs on collection threads and must be cheap (store the latest value; persist it elsewhere).
    /// </summary>
    public async Task<CollectionResult> CollectAsync(
        AccountTarget target, AWSCredentials? sourceCredentials, Action<CollectionProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = time ?? TimeProvider.System;
        var started = Stopwatch.GetTimestamp();
        using var clients = AccountAccess.Connect(target, sourceCredentials, out var homeRegion, options.MaxAttempts);
        var counter = new CallCounter();
        var tracker = new ProgressTracker(Collectors.Count, counter, progress);
        ICallCounter counting = progress is null ? counter : tracker;

        var identity = await IdentifyAsync(clients, homeRegion, counting, cancellationToken);
        clients.Partition = identity.Partition;

        var bootstrap = new CollectionContext(clients, identity.AccountId, [homeRegion], options, counting);
        var (regions, skipped) = await RegionScope.ResolveAsync(bootstrap, homeRegion, target.Regions, cancellationToken);
        var context = new CollectionContext(clients, identity.AccountId, regions, options, counting);
        tracker.Contexts = [bootstrap, context];
        tracker.Report();

        var inventory = new AccountInventory
        {
            AccountId = identity.AccountId,
            Partition = identity.Partition,
            CollectedAt = clock.GetUtcNow(),
            Regions = regions,
            SkippedRegions = skipped,
        };

        foreach (var stage in Collectors.GroupBy(c => c.DependsOnOtherCollectors).OrderBy(g => g.Key))
        {
            var snapshot = inventory;
            var applies = await Task.WhenAll(stage.Select(c => tracker.TrackAsync(c.Name, () => c.CollectAsync(context, snapshot, cancellationToken))));
            inventory = applies.Aggregate(inventory, (current, apply) => apply(current));
        }

        inventory = inventory with { Errors = [.. bootstrap.Errors, .. context.Errors] };
        return new CollectionResult(inventory, counter.ByOperation, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<(string AccountId, string Partition)> IdentifyAsync(AwsClientFactory clients, string region, ICallCounter counter, CancellationToken cancellationToken)
    {
        try
        {
            counter.Count("sts", "GetCallerIdentity");
            var identity = await clients.Sts(region).GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
            var partition = Arn.TryParse(identity.Arn, out var arn) ? arn.Partition : Arn.PartitionOfRegion(region);
            return (identity.Account, partition);
        }
        catch (AccountAccessException)
        {
            throw;
        }
        catch (AmazonServiceException ex)
        {
            throw new AccountAccessException($"sts:GetCallerIdentity failed ({ex.ErrorCode}): {ex.Message}", ex);
        }
        catch (AmazonClientException ex)
        {
            throw new AccountAccessException($"could not reach AWS STS: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new AccountAccessException($"could not reach AWS STS: {ex.Message}", ex);
        }
    }
}

/// <summary>Counts calls into the real counter and reports progress to an optional callback.</summary>
internal sealed class ProgressTracker(int unitsTotal, CallCounter inner, Action<CollectionProgress>? callback) : ICallCounter
{
    private readonly Lock _gate = new();
    private readonly List<string> _running = [];
    private int _done;

    public IReadOnlyList<CollectionContext> Contexts { get; set; } = [];

    public void Count(string service, string operation)
    {
        inner.Count(service, operation);
        Report();
    }

    public async Task<T> TrackAsync<T>(string unit, Func<Task<T>> work)
    {
        lock (_gate)
        {
            _running.Add(unit);
        }

        Report();
        try
        {
            return await work();
        }
        finally
        {
            lock (_gate)
            {
                _running.Remove(unit);
                _done++;
            }

            Report();
        }
    }

    public void Report()
    {
        if (callback is null)
        {
            return;
        }

        CollectionProgress snapshot;
        lock (_gate)
        {
            snapshot = new CollectionProgress(_done, unitsTotal, _running.Count == 0 ? null : string.Join(", ", _running), inner.Total,
                Contexts.Sum(c => c.Errors.Count));
        }

        callback(snapshot);
    }
}

/// <summary>Regions in scope: the account's enabled regions (ec2:DescribeRegions with AllRegions=true) or a configured subset.</summary>
public static class RegionScope
{
    public static async Task<(IReadOnlyList<string> Regions, IReadOnlyList<SkippedRegion> Skipped)> ResolveAsync(
        CollectionContext context, string homeRegion, IReadOnlyList<string> configured, CancellationToken cancellationToken)
    {
        var result = await context.CallAsync("ec2", homeRegion, "DescribeRegions", null,
            ct => context.Clients.Ec2(homeRegion).DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = true }, ct), cancellationToken);
        if (!result.Succeeded)
        {
            // Without the list, scan what was asked for (or the home region) and let the error say why.
            return (configured.Count > 0 ? configured.Distinct(StringComparer.Ordinal).ToList() : [homeRegion], []);
        }

        var status = (result.Value!.Regions ?? []).ToDictionary(r => r.RegionName, r => r.OptInStatus ?? "opt-in-not-required", StringComparer.Ordinal);
        static bool Enabled(string optIn) => optIn is "opt-in-not-required" or "opted-in";

        var wanted = configured.Count > 0 ? configured.Distinct(StringComparer.Ordinal).ToList() : status.Keys.Order(StringComparer.Ordinal).ToList();
        var regions = new List<string>();
        var skipped = new List<SkippedRegion>();
        foreach (var region in wanted)
        {
            if (!status.TryGetValue(region, out var optIn))
            {
                skipped.Add(new SkippedRegion(region, "not a region of this account's partition"));
            }
            else if (!Enabled(optIn))
            {
                skipped.Add(new SkippedRegion(region, $"opt-in region not enabled ({optIn})"));
            }
            else
            {
                regions.Add(region);
            }
        }

        return (regions, skipped);
    }
}
