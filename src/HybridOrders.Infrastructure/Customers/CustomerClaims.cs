using HybridOrders.Application.Common;
using HybridOrders.Domain.Customers;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Infrastructure.Customers;

internal sealed class CustomerClaims(HybridOrdersDbContext db) : ICustomerClaims
{
    public async Task InsertCustomerAsync(string customerId, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "Customers" ("Id") VALUES ({customerId})""", ct);

    public async Task<string> ClaimAsync(IdentifierKind kind, string value, string display, string customerId, CancellationToken ct)
    {
        var k = kind.ToString();
        if (db is SqlServerHybridOrdersDbContext)
            await db.Database.ExecuteSqlAsync($"""
                IF NOT EXISTS (SELECT 1 FROM [CustomerIdentifiers] WITH (UPDLOCK, HOLDLOCK) WHERE [Kind] = {k} AND [Value] = {value})
                    INSERT INTO [CustomerIdentifiers] ([Kind], [Value], [Display], [CustomerId]) VALUES ({k}, {value}, {display}, {customerId})
                """, ct);
        else // PostgreSQL waits for a concurrent inserter of the same key to commit, then does nothing: no error, no aborted transaction
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "CustomerIdentifiers" ("Kind", "Value", "Display", "CustomerId") VALUES ({k}, {value}, {display}, {customerId})
                ON CONFLICT DO NOTHING
                """, ct);
        // A new statement: under read committed it sees the concurrent claimant's committed row.
        return await db.CustomerIdentifiers.AsNoTracking().Where(i => i.Kind == kind && i.Value == value).Select(i => i.CustomerId).SingleAsync(ct);
    }

    /// <summary>The advisory lock's key (an arbitrary constant of this application: "HOCUSTMG").</summary>
    private const long MergeLockKey = 0x484F43555354_4D47;

    public async Task SerializeMergesAsync(CancellationToken ct)
    {
        if (db is SqlServerHybridOrdersDbContext)
            await db.Database.ExecuteSqlAsync($"""
                DECLARE @result int;
                EXEC @result = sp_getapplock @Resource = N'hybridorders:customer-merge', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = -1;
                IF @result < 0 THROW 51000, N'The customer merge lock was not granted.', 1;
                """, ct);
        else if (db is PostgresHybridOrdersDbContext)
            await db.Database.ExecuteSqlAsync($"""SELECT pg_advisory_xact_lock({MergeLockKey})""", ct);
    }

    public async Task LockCustomerAsync(string customerId, CancellationToken ct)
    {
        if (db is SqlServerHybridOrdersDbContext)
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM [Customers] WITH (UPDLOCK, HOLDLOCK) WHERE [Id] = {customerId}""", ct);
        else if (db is PostgresHybridOrdersDbContext)
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Customers" WHERE "Id" = {customerId} FOR NO KEY UPDATE""", ct);
    }
}
