using HybridOrders.Application.Events;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Infrastructure.Stock;

/// <summary>
/// Stock events from the ledger's own updates: the updates that change what a line can promise return the line's new
/// figures (<c>RETURNING</c> on PostgreSQL and SQLite, <c>OUTPUT inserted</c> on SQL Server), and a line whose available
/// crosses its <see cref="StockLine.LowStockThreshold"/> adds <c>stock.low</c> (fell to or below it) or
/// <c>stock.back_in_stock</c> (rose above it) to the outbox, in the same transaction. No periodic scan.
/// </summary>
internal sealed partial class StockLedger
{
    /// <summary>The figures a stock update returns.</summary>
    private sealed record LineFigures(int OnHand, int Reserved, int SafetyStock, int LowStockThreshold);

    private readonly List<EventRecord> _stockEvents = [];

    /// <summary><c>OnHand += onHandDelta, Reserved += reservedDelta</c> on one line if the guard holds: available at least
    /// <paramref name="minAvailable"/> at an active location (holds), reserved at least <paramref name="minReserved"/>
    /// (releases), on-hand at most <paramref name="maxOnHand"/> (arrivals). Returns the new figures, or null when the guard
    /// refused; notes a threshold crossing.</summary>
    private async Task<LineFigures?> UpdateLineAsync(string locationCode, string sku, int onHandDelta, int reservedDelta, CancellationToken ct,
        int? minAvailable = null, int minReserved = 0, int maxOnHand = int.MaxValue)
    {
        var checkAvailable = minAvailable is not null;
        var need = minAvailable ?? 0;
        var rows = await (db switch
        {
            SqlServerHybridOrdersDbContext => db.Database.SqlQuery<LineFigures>($"""
                UPDATE [StockLines] SET [OnHand] = [OnHand] + {onHandDelta}, [Reserved] = [Reserved] + {reservedDelta}
                OUTPUT inserted.[OnHand], inserted.[Reserved], inserted.[SafetyStock], inserted.[LowStockThreshold]
                WHERE [LocationCode] = {locationCode} AND [Sku] = {sku} AND [Reserved] >= {minReserved} AND [OnHand] <= {maxOnHand}
                  AND ({checkAvailable} = CAST(0 AS bit) OR ([OnHand] - [Reserved] - [SafetyStock] >= {need}
                       AND EXISTS (SELECT 1 FROM [Locations] l WHERE l.[Code] = [StockLines].[LocationCode] AND l.[IsActive] = CAST(1 AS bit))))
                """),
            _ => db.Database.SqlQuery<LineFigures>($"""
                UPDATE "StockLines" SET "OnHand" = "OnHand" + {onHandDelta}, "Reserved" = "Reserved" + {reservedDelta}
                WHERE "LocationCode" = {locationCode} AND "Sku" = {sku} AND "Reserved" >= {minReserved} AND "OnHand" <= {maxOnHand}
                  AND (NOT {checkAvailable} OR ("OnHand" - "Reserved" - "SafetyStock" >= {need}
                       AND EXISTS (SELECT 1 FROM "Locations" l WHERE l."Code" = "StockLines"."LocationCode" AND l."IsActive")))
                RETURNING "OnHand", "Reserved", "SafetyStock", "LowStockThreshold"
                """),
        }).ToListAsync(ct);
        if (rows.Count == 0) return null;
        var after = rows[0];
        NoteThreshold(locationCode, sku, after.OnHand - onHandDelta, after.Reserved - reservedDelta, after);
        return after;
    }

    /// <summary>Adds <c>stock.low</c> or <c>stock.back_in_stock</c> when available went from one side of the threshold to the other.</summary>
    private void NoteThreshold(string locationCode, string sku, int onHandBefore, int reservedBefore, LineFigures after)
    {
        var before = StockLine.AvailableOf(onHandBefore, reservedBefore, after.SafetyStock);
        var now = StockLine.AvailableOf(after.OnHand, after.Reserved, after.SafetyStock);
        var threshold = after.LowStockThreshold;
        var type = before > threshold && now <= threshold ? EventTypes.StockLow
            : before <= threshold && now > threshold ? EventTypes.StockBackInStock
            : null;
        if (type is null) return;
        _stockEvents.Add(outbox.Add(type, new StockEventData(locationCode, sku, now), [locationCode]));
    }

    /// <summary>Forgets the stock events noted after <paramref name="mark"/> (their moves were rolled back to a savepoint).</summary>
    private void DropStockEventsAfter(int mark)
    {
        foreach (var e in _stockEvents.Skip(mark)) db.Entry(e).State = EntityState.Detached;
        _stockEvents.RemoveRange(mark, _stockEvents.Count - mark);
    }
}
