using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Infrastructure.Webhooks;

/// <summary>
/// Claims due subscriptions for one dispatcher: one statement that sets a lease (owner and expiry) on up to n active
/// subscriptions that are due, not leased and have settled events after their cursor. Concurrent claimers never take the
/// same row: PostgreSQL skips rows another claimer has locked (<c>FOR UPDATE SKIP LOCKED</c>), SQL Server likewise
/// (<c>UPDLOCK, READPAST</c>), SQLite has one writer at a time. The lease, not a held lock, then covers the delivery, so no
/// transaction stays open while a receiver answers; a crashed instance's lease runs out and another takes over.
/// </summary>
internal static class WebhookClaims
{
    public static Task<int> ClaimAsync(HybridOrdersDbContext db, string owner, long nowMs, long untilMs, long settled, int n, CancellationToken ct) =>
        db switch
        {
            PostgresHybridOrdersDbContext => db.Database.ExecuteSqlAsync($"""
                UPDATE "WebhookSubscriptions" SET "LeaseOwner" = {owner}, "LeaseUntilMs" = {untilMs}
                WHERE "Id" IN (SELECT "Id" FROM "WebhookSubscriptions"
                               WHERE "Status" = 'Active' AND "DueAtMs" <= {nowMs} AND "LeaseUntilMs" < {nowMs} AND "Cursor" < {settled}
                               ORDER BY "DueAtMs" LIMIT {n} FOR UPDATE SKIP LOCKED)
                """, ct),
            SqlServerHybridOrdersDbContext => db.Database.ExecuteSqlAsync($"""
                WITH due AS (SELECT TOP ({n}) * FROM [WebhookSubscriptions] WITH (UPDLOCK, READPAST, ROWLOCK)
                             WHERE [Status] = N'Active' AND [DueAtMs] <= {nowMs} AND [LeaseUntilMs] < {nowMs} AND [Cursor] < {settled}
                             ORDER BY [DueAtMs])
                UPDATE due SET [LeaseOwner] = {owner}, [LeaseUntilMs] = {untilMs}
                """, ct),
            _ => db.Database.ExecuteSqlAsync($"""
                UPDATE "WebhookSubscriptions" SET "LeaseOwner" = {owner}, "LeaseUntilMs" = {untilMs}
                WHERE "Id" IN (SELECT "Id" FROM "WebhookSubscriptions"
                               WHERE "Status" = 'Active' AND "DueAtMs" <= {nowMs} AND "LeaseUntilMs" < {nowMs} AND "Cursor" < {settled}
                               ORDER BY "DueAtMs" LIMIT {n})
                """, ct),
        };
}
