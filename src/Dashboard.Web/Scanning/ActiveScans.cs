using System.Collections.Concurrent;

namespace Dashboard.Web.Scanning;

/// <summary>Runs executing in this process, so a cancel from this node stops them at once (other nodes see the database flag).</summary>
public sealed class ActiveScans
{
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();

    public void Add(long runId, CancellationTokenSource cancellation) => _running[runId] = cancellation;

    public void Remove(long runId) => _running.TryRemove(runId, out _);

    public bool TryCancel(long runId)
    {
        if (!_running.TryGetValue(runId, out var cancellation))
        {
            return false;
        }

        try
        {
            cancellation.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}

/// <summary>Bounds how many scans run at once in this process, across accounts (Jobs:MaxConcurrentScans).</summary>
public sealed class ScanConcurrency(Microsoft.Extensions.Options.IOptions<Hosting.JobsOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentScans, options.Value.MaxConcurrentScans);

    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
