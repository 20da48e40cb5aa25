using HybridOrders.Application.Common;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Infrastructure.Idempotency;

internal sealed class IdempotencyStore(HybridOrdersDbContext db, IClock clock, TransactionRetry retry) : IIdempotencyStore
{
    private const int MaxAttempts = 5;
    private const string WorkSavepoint = "idempotent_work";

    /// <summary>The claim and the work are one transaction, so a deadlock victim is retried as a whole, the claim included.</summary>
    public Task<IdempotencyOutcome> ExecuteAsync(string scope, string key, string requestHash,
        Func<CancellationToken, Task<CapturedResponse>> work, CancellationToken ct) =>
        retry.RunAsync(token => ExecuteOnceAsync(scope, key, requestHash, work, token),
            () => { db.ChangeTracker.Clear(); return Task.CompletedTask; }, ct);

    private async Task<IdempotencyOutcome> ExecuteOnceAsync(string scope, string key, string requestHash,
        Func<CancellationToken, Task<CapturedResponse>> work, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);
            if (existing is not null) return Replay(existing, requestHash);

            db.Database.AutoSavepointsEnabled = false;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var record = new IdempotencyRecord { Scope = scope, Key = key, RequestHash = requestHash, CreatedAt = clock.GetCurrentInstant() };
            db.IdempotencyRecords.Add(record);
            try
            {
                // Blocks while a concurrent request with this key is in flight; fails once it has committed.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                continue; // the other request committed: replay what it stored
            }
            await tx.CreateSavepointAsync(WorkSavepoint, ct);

            var response = await work(ct); // an exception escapes here and rolls everything back, the claim included
            if (response.StatusCode >= 500)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new IdempotencyOutcome.Executed(response);
            }
            if (response.StatusCode >= 400)
            {
                // Refused: nothing the work wrote stays, but the refusal is remembered.
                await tx.RollbackToSavepointAsync(WorkSavepoint, ct);
                db.ChangeTracker.Clear();
            }
            await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.StatusCode, response.StatusCode)
                .SetProperty(r => r.ContentType, response.ContentType)
                .SetProperty(r => r.Body, response.Body)
                .SetProperty(r => r.Location, response.Location), ct);
            await tx.CommitAsync(ct);
            return new IdempotencyOutcome.Executed(response);
        }
        throw new InvalidOperationException($"Idempotency key '{key}' could not be claimed or replayed after {MaxAttempts} attempts.");
    }

    private static IdempotencyOutcome Replay(IdempotencyRecord record, string requestHash) =>
        !string.Equals(record.RequestHash, requestHash, StringComparison.Ordinal)
            ? new IdempotencyOutcome.KeyReused()
            : new IdempotencyOutcome.Replayed(new CapturedResponse(record.StatusCode ?? 500, record.ContentType, record.Body ?? "", record.Location));
}
