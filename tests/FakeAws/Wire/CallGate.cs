namespace FakeAws.Wire;

/// <summary>
/// Lets a test hold a scan mid-way: after <see cref="HoldAfter"/>, the first <c>n</c> authenticated calls pass and every
/// later one waits (before its answer) until <see cref="Release"/>. Open by default.
/// </summary>
public sealed class CallGate
{
    private readonly object _lock = new();
    private TaskCompletionSource? _released;
    private int _passes;

    /// <summary>Calls that waited at the gate so far.</summary>
    public int Held { get; private set; }

    public void HoldAfter(int calls)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(calls);
        lock (_lock)
        {
            _passes = calls;
            _released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Release()
    {
        TaskCompletionSource? released;
        lock (_lock)
        {
            released = _released;
            _released = null;
        }

        released?.TrySetResult();
    }

    internal Task PassAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_released is null)
            {
                return Task.CompletedTask;
            }

            if (_passes > 0)
            {
                _passes--;
                return Task.CompletedTask;
            }

            Held++;
            return _released.Task.WaitAsync(cancellationToken);
        }
    }
}
