namespace HybridOrders.Application.Forecasting;

/// <summary>
/// Refreshes the database's planner statistics of the sales history after a bulk import, inside the import's transaction
/// (PostgreSQL: "Run ANALYZE afterwards" when populating a database). Without it, a forecast asked for right after the
/// import is planned on a table the autovacuum has not analysed yet (it waits for a minute and 10 % of the rows): the
/// network read then sorted a year × 200 locations of rows on disk instead of hashing 365 dates.
/// </summary>
public interface ISalesHistoryStatistics
{
    Task RefreshAsync(CancellationToken ct);
}
