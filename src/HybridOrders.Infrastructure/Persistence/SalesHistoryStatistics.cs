using HybridOrders.Application.Forecasting;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Infrastructure.Persistence;

/// <summary>ANALYZE of the sales history on PostgreSQL (allowed in a transaction block; it counts the rows this transaction
/// inserted, and its statistics become visible with the commit). A database user that does not own the table gets a warning
/// from PostgreSQL, not an error. SQL Server updates statistics itself when a query is compiled after many changes; SQLite's
/// planner does not need them for these key lookups: nothing to do there.</summary>
internal sealed class SalesHistoryStatistics(HybridOrdersDbContext db) : ISalesHistoryStatistics
{
    public async Task RefreshAsync(CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE \"SalesHistory\"", ct);
    }
}
