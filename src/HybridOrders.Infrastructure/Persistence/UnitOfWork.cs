using HybridOrders.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Infrastructure.Persistence;

internal sealed class UnitOfWork(HybridOrdersDbContext db, TransactionRetry retry) : IUnitOfWork
{
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, bool onDemand, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Joined (e.g. the idempotency store opened it): the owner commits, and retries the whole of it if need be.
            var joined = await work(ct);
            await db.SaveChangesAsync(ct);
            return joined;
        }

        // A command commits or rolls back whole, so EF's savepoint around each SaveChanges would only cost round trips.
        db.Database.AutoSavepointsEnabled = false;
        return await retry.RunAsync(async token =>
        {
            var tx = onDemand ? null : await db.Database.BeginTransactionAsync(token);
            try
            {
                var result = await work(token);
                tx ??= db.Database.CurrentTransaction; // begun on demand by the work, if it needed one
                await db.SaveChangesAsync(token); // on demand and never begun: one SaveChanges is atomic by itself
                if (tx is not null) await tx.CommitAsync(token);
                return result;
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
            finally
            {
                if ((tx ?? db.Database.CurrentTransaction) is { } done) await done.DisposeAsync(); // not committed: rolled back
            }
        }, () => Task.CompletedTask, ct); // disposing the transaction rolled it back; the tracker is already clear
    }

    public async Task BeginAsync(CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) await db.Database.BeginTransactionAsync(ct);
    }
}
