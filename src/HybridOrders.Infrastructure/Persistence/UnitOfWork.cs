using HybridOrders.Application.Common;

namespace HybridOrders.Infrastructure.Persistence;

internal sealed class UnitOfWork(HybridOrdersDbContext db) : IUnitOfWork
{
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Joined (e.g. the idempotency store opened it): the owner commits.
            var joined = await work(ct);
            await db.SaveChangesAsync(ct);
            return joined;
        }

        // A command commits or rolls back whole, so EF's savepoint around each SaveChanges would only cost round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var result = await work(ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
