using HybridOrders.Application.Common;

namespace HybridOrders.Infrastructure.Persistence;

internal sealed class UnitOfWork(HybridOrdersDbContext db, TransactionRetry retry) : IUnitOfWork
{
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
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
            await using var tx = await db.Database.BeginTransactionAsync(token);
            try
            {
                var result = await work(token);
                await db.SaveChangesAsync(token);
                await tx.CommitAsync(token);
                return result;
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }, () => Task.CompletedTask, ct); // disposing the transaction rolled it back; the tracker is already clear
    }
}
