using HybridOrders.Application.Forecasting;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Infrastructure.Persistence;

/// <summary>ANALYZE of the sales history on PostgreSQL (allowed in a transaction block; it counts the rows this transaction
/// inserted, and its statistics become visible with the commit). A database user that does not own the table gets a warning
/// from PostgreSQL, not an error. Not on a Citus coordinator (ADR 0012): there the table is distributed and its shards live
/// on the workers, whose own autovacuum analyses them. SQL Server updates statistics itself when a query is compiled after
/// many changes; SQLite's planner does not need them for these key lookups: nothing to do there. One round trip.</summary>
internal sealed class SalesHistoryStatistics(HybridOrdersDbContext db) : ISalesHistoryStatistics
{
    private const string AnalyzeUnlessCitus = """
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN ANALYZE "SalesHistory"; END IF;
        END $$
        """;

    public async Task RefreshAsync(CancellationToken ct)
    {
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync(AnalyzeUnlessCitus, ct);
    }
}
