using System.Collections.Concurrent;
using Amazon.Runtime;
using Dashboard.Aws.Pipeline;
using Dashboard.Core.Inventory;

namespace Dashboard.Aws.Collectors;

/// <summary>Tunables for one account's collection.</summary>
public sealed record CollectionOptions
{
    /// <summary>Concurrent calls per (service, region).</summary>
    public int MaxConcurrencyPerServiceRegion { get; init; } = 4;

    /// <summary>Concurrent (service, region) units across the whole account.</summary>
    public int MaxConcurrentUnits { get; init; } = 8;

    /// <summary>IAM GetAccountAuthorizationDetails page size (MaxItems); 1000 is the largest IAM allows.</summary>
    public int IamPageSize { get; init; } = 1000;

    /// <summary>
    /// Concurrent calls per (service, region) for services whose published request rates are far above what one scan
    /// sends, so that latency, not a small fixed bound, sets the pace: S3 allows 5,500 GET requests a second per prefix.
    /// Other services use <see cref="MaxConcurrencyPerServiceRegion"/>.
    /// </summary>
    public IReadOnlyDictionary<string, int> ConcurrencyPerServiceRegion { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal) { ["s3"] = 16 };

    /// <summary>Buckets read at the same time (each bucket's reads also run side by side).</summary>
    public int MaxConcurrentBuckets { get; init; } = 24;

    /// <summary>How long to wait for the credential report to be generated.</summary>
    public TimeSpan CredentialReportTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Pause between GenerateCredentialReport polls.</summary>
    public TimeSpan CredentialReportPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts per call including SDK retries (standard mode); null = SDK default (3, or AWS_MAX_ATTEMPTS).</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>Upper bound on pages of any one paginated call: a guard against a service repeating a token.</summary>
    public int MaxPages { get; init; } = 10_000;

    public int ConcurrencyFor(string service) => ConcurrencyPerServiceRegion.TryGetValue(service, out var n) ? n : MaxConcurrencyPerServiceRegion;
}

/// <summary>Counts API calls (logical calls, not SDK retry attempts) per service:operation.</summary>
public interface ICallCounter
{
    void Count(string service, string operation);
}

public sealed class CallCounter : ICallCounter
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Count(string service, string operation) => _counts.AddOrUpdate($"{service}:{operation}", 1, (_, n) => n + 1);

    public int Total => _counts.Values.Sum();

    public IReadOnlyDictionary<string, int> ByOperation => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);
}

/// <summary>What a call returned: a value, a "not configured" state (an error code that is a valid answer), or a recorded error.</summary>
public readonly record struct CallResult<T>(bool Succeeded, T? Value, string? StateCode)
{
    public bool IsState => StateCode is not null;
    public bool Failed => !Succeeded && StateCode is null;
}

/// <summary>
/// Everything a collector needs for one account: clients, scope, options, and the one place where calls are made
/// so that each is counted, bounded per (service, region), and every failure lands in <see cref="Errors"/>.
/// </summary>
public sealed class CollectionContext(AwsClientFactory clients, string accountId, IReadOnlyList<string> regions, CollectionOptions options, ICallCounter? counter = null)
{
    private readonly ConcurrentQueue<CollectionError> _errors = new();
    private readonly ConcurrentDictionary<(string, string), SemaphoreSlim> _limits = new();

    public AwsClientFactory Clients { get; } = clients;
    public IAwsTransport Transport => Clients;
    public string AccountId { get; } = accountId;
    public string Partition => Clients.Partition;
    public IReadOnlyList<string> Regions { get; } = regions;
    public CollectionOptions Options { get; } = options;
    public ICallCounter Counter { get; } = counter ?? new CallCounter();

    /// <summary>The region global services are called in (us-east-1 in the aws partition).</summary>
    public string GlobalRegion => AwsService.GlobalRegion(Partition);

    public IReadOnlyList<CollectionError> Errors => [.. _errors];

    public void RecordError(CollectionError error) => _errors.Enqueue(error);

    /// <summary>
    /// Makes one call. AmazonServiceException with a code in <paramref name="stateCodes"/> is a valid answer, not an
    /// error; any other failure is recorded with service, region, operation, code, message and resource.
    /// Cancellation requested by the caller propagates.
    /// </summary>
    public async Task<CallResult<T>> CallAsync<T>(
        string service,
        string region,
        string operation,
        string? resourceId,
        Func<CancellationToken, Task<T>> call,
        CancellationToken cancellationToken,
        params string[] stateCodes)
    {
        var limit = _limits.GetOrAdd((service, region), _ => new SemaphoreSlim(Options.ConcurrencyFor(service)));
        await limit.WaitAsync(cancellationToken);
        try
        {
            Counter.Count(service, operation);
            return new CallResult<T>(true, await call(cancellationToken), null);
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode is not null && stateCodes.Contains(ex.ErrorCode, StringComparer.Ordinal))
        {
            return new CallResult<T>(false, default, ex.ErrorCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // every other failure becomes a recorded collection error; the scan continues
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var recordedRegion = region;
            RecordError(new CollectionError(service, recordedRegion, operation, ErrorCode(ex), Message(ex), resourceId));
            return new CallResult<T>(false, default, null);
        }
        finally
        {
            limit.Release();
        }
    }

    /// <summary>Follows a token-paginated call until the token is empty, guarding against a repeated token.</summary>
    public async Task<bool> PageAsync<TPage>(
        string service,
        string region,
        string operation,
        string? resourceId,
        Func<string?, CancellationToken, Task<TPage>> call,
        Func<TPage, string?> nextToken,
        Action<TPage> onPage,
        CancellationToken cancellationToken,
        params string[] stateCodes)
    {
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 0; page < Options.MaxPages; page++)
        {
            var current = token;
            var result = await CallAsync(service, region, operation, resourceId, ct => call(current, ct), cancellationToken, stateCodes);
            if (!result.Succeeded)
            {
                return false;
            }

            onPage(result.Value!);
            token = nextToken(result.Value!);
            if (string.IsNullOrEmpty(token))
            {
                return true;
            }

            if (!seen.Add(token))
            {
                RecordError(new CollectionError(service, region, operation, "RepeatedPaginationToken", "the service returned a pagination token it had returned before; stopped paging", resourceId));
                return false;
            }
        }

        RecordError(new CollectionError(service, region, operation, "TooManyPages", $"stopped after {Options.MaxPages} pages", resourceId));
        return false;
    }

    /// <summary>Runs <paramref name="work"/> for every item with at most <paramref name="parallelism"/> at a time.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, int parallelism, Func<T, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (item, ct) => await work(item, ct));

    /// <summary>Runs the per-region part of a collector in every region in scope, bounded by MaxConcurrentUnits.</summary>
    public Task ForEachRegionAsync(Func<string, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        ForEachAsync(Regions, Options.MaxConcurrentUnits, work, cancellationToken);

    private static string ErrorCode(Exception ex) => ex switch
    {
        AmazonServiceException { ErrorCode: { Length: > 0 } code } => code,
        AmazonServiceException service => service.StatusCode == 0 ? "ServiceError" : $"Http{(int)service.StatusCode}",
        AmazonClientException => "ClientError",
        HttpRequestException => "NetworkError",
        TimeoutException or TaskCanceledException => "Timeout",
        System.Text.Json.JsonException or System.Xml.XmlException or FormatException => "MalformedResponse",
        _ => ex.GetType().Name,
    };

    private static string Message(Exception ex)
    {
        var message = ex.Message;
        return message.Length > 500 ? message[..500] : message;
    }
}
