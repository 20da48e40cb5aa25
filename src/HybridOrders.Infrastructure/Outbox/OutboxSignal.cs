using System.Data.Common;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HybridOrders.Infrastructure.Outbox;

/// <summary>
/// "New outbox rows are committed": an in-process wake-up for the webhook dispatcher, so that an event goes out right after
/// its commit instead of at the dispatcher's next poll (the poll stays, as the fallback for rows written by another
/// instance or a signal missed). Many commits between two looks coalesce into one wake-up; <see cref="Notify"/> costs an
/// interlocked exchange when the dispatcher is already awake.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _pending;

    public void Notify()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0) _wake.Release();
    }

    /// <summary>Waits for a notification or the timeout; true when notified.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (!await _wake.WaitAsync(timeout, ct)) return false;
        Interlocked.Exchange(ref _pending, 0);
        return true;
    }
}

/// <summary>
/// Raises <see cref="OutboxSignal"/> after a commit that wrote outbox rows. The writers mark their context
/// (<see cref="HybridOrdersDbContext.OutboxWritten"/>: the outbox interceptor when a SaveChanges inserts events, the stock
/// ledger's hold statement); the mark is consumed by the commit (or by a SaveChanges outside any transaction, which
/// commits by itself) and dropped by a rollback.
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        RolledBack(eventData.Context);
        return Task.CompletedTask;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Committed(DbContext? context)
    {
        if (context is not HybridOrdersDbContext { OutboxWritten: true } db) return;
        db.OutboxWritten = false;
        signal.Notify();
    }

    private static void RolledBack(DbContext? context)
    {
        if (context is HybridOrdersDbContext db) db.OutboxWritten = false;
    }

    private void Saved(DbContext? context)
    {
        if (context is HybridOrdersDbContext { OutboxWritten: true } db && db.Database.CurrentTransaction is null) Committed(db);
    }
}
