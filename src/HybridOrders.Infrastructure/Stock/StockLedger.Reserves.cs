using HybridOrders.Application.Common;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HybridOrders.Infrastructure.Stock;

/// <summary>
/// A batch of reserves only (what an order's plan holds) on PostgreSQL: one round trip whatever the number of lines. One
/// statement per line, in the global lock order, sent together as an <see cref="NpgsqlBatch"/> (PostgreSQL runs them in that
/// order, so the rows are locked in it): the conditional UPDATE, and the ledger's <c>reserve</c> row inserted from its
/// RETURNING, which also gives the new figures for the stock events. Nothing is change-tracked. A line that was not held
/// is a shortage; the lines after it were held all the same, and the caller's savepoint or transaction undoes them.
/// </summary>
internal sealed partial class StockLedger
{
    private const string ReserveLineSql = """
        WITH u AS (
            UPDATE "StockLines" s SET "Reserved" = s."Reserved" + $3
            WHERE s."LocationCode" = $1 AND s."Sku" = $2 AND s."OnHand" - s."Reserved" - s."SafetyStock" >= $3
              AND EXISTS (SELECT 1 FROM "Locations" l WHERE l."Code" = $1 AND l."IsActive")
            RETURNING s."OnHand", s."Reserved", s."SafetyStock", s."LowStockThreshold"),
        m AS (
            INSERT INTO "StockMovements" ("LocationCode", "Sku", "Kind", "OnHandDelta", "ReservedDelta", "Reference", "OccurredAt")
            SELECT $1, $2, 'Reserve', 0, $3, $4, $5 FROM u)
        SELECT u."OnHand", u."Reserved", u."SafetyStock", u."LowStockThreshold" FROM u
        """;

    /// <summary>Whether <paramref name="moves"/> can go as one batch of reserves: PostgreSQL, inside the caller's transaction,
    /// reserves only.</summary>
    private bool CanBatchReserves(IReadOnlyList<StockMove> moves) =>
        moves.Count > 0 && db.Database.IsNpgsql() && db.Database.CurrentTransaction is not null && moves.All(m => m.Kind == StockMoveKind.Reserve);

    /// <param name="savepoint">A savepoint to open first, in the same round trip (<see cref="TryApplyAsync"/>).</param>
    private async Task<IReadOnlyList<LocatedShortage>> ReserveBatchedAsync(IReadOnlyList<StockMove> ordered, CancellationToken ct, string? savepoint = null)
    {
        NoteLocking(ordered[0].LocationCode, ordered[0].Sku);
        NoteLocking(ordered[^1].LocationCode, ordered[^1].Sku);
        var at = clock.GetCurrentInstant();
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        if (savepoint is not null) batch.BatchCommands.Add(new NpgsqlBatchCommand($"SAVEPOINT {savepoint}")); // returns no result set
        foreach (var (_, location, sku, quantity, reference) in ordered)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(ReserveLineSql)
            {
                Parameters =
                {
                    new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Varchar, TypedValue = location },
                    new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Varchar, TypedValue = sku },
                    new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = quantity },
                    new NpgsqlParameter<string?> { NpgsqlDbType = NpgsqlDbType.Varchar, TypedValue = reference },
                    new NpgsqlParameter<NodaTime.Instant> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = at },
                },
            });

        var after = new LineFigures?[ordered.Count];
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            var i = 0;
            do
            {
                if (await reader.ReadAsync(ct))
                    after[i] = new LineFigures(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
                i++;
            } while (await reader.NextResultAsync(ct));
            if (i != ordered.Count)
                throw new InvalidOperationException($"The reserve batch of {ordered.Count} lines returned {i} result sets.");
        }

        var shortages = new List<LocatedShortage>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (_, location, sku, quantity, _) = ordered[i];
            if (after[i] is { } figures) NoteThreshold(location, sku, figures.OnHand, figures.Reserved - quantity, figures);
            else shortages.Add(new LocatedShortage(location, sku, quantity, Math.Min(await AvailableAsync(location, sku, ct), quantity - 1)));
        }
        return shortages;
    }
}
