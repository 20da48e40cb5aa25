namespace HybridOrders.Infrastructure.Background;

/// <summary>Set once the database is migrated (and seeded, when asked): background work and /health/ready wait on it.</summary>
public sealed class DatabaseReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;
    public Task WhenReady(CancellationToken ct) => _ready.Task.WaitAsync(ct);
    internal void MarkReady() => _ready.TrySetResult();
}
