using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Infrastructure.Stock;

/// <summary>
/// The atomic stock ledger. Each change is one conditional UPDATE on the stock row (the condition is the business
/// rule, so a concurrent change can never slip between a check and a write) plus one appended movement row, both in
/// the caller's transaction. Lines are taken in SKU order so that multi-line operations lock rows in one global order.
/// </summary>
internal sealed partial class StockLedger(HybridOrdersDbContext db, IClock clock) : IStockLedger
{
    private const int MaxCountAttempts = 10;
    private const int MaxReserveAttempts = 3;

    public Task ReceiveAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string? reference, CancellationToken ct) =>
        AddToShelfAsync(locationCode, lines, MovementKind.Receipt, alsoReserved: false, reference, ct);

    public async Task ReserveAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct)
    {
        var shortages = new List<StockShortage>();
        foreach (var (sku, quantity) in StockQuantity.Normalize(lines))
        {
            // Once one line is short the whole hold fails (and rolls back); the remaining lines are only read,
            // so that the refusal lists every line that is short without locking more rows.
            var available = shortages.Count == 0
                ? await TryReserveLineAsync(locationCode, sku, quantity, reference, ct)
                : await AvailableAsync(locationCode, sku, ct);
            if (available < quantity) shortages.Add(new StockShortage(sku, quantity, available));
        }
        if (shortages.Count > 0) throw new InsufficientStockException(shortages);
    }

    public async Task<IReadOnlyList<LocatedShortage>> TryReserveAsync(IReadOnlyList<StockAllocation> allocations, string reference, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("TryReserveAsync needs the caller's transaction.");
        const string savepoint = "reserve_attempt"; // a fixed name: SAVEPOINT may repeat a name, and one statement text keeps pg_stat_statements tidy
        await tx.CreateSavepointAsync(savepoint, ct);
        var appended = new List<StockMovement>();
        var shortages = new List<LocatedShortage>();
        // Every location's rows in one global order (location, then SKU), like single-location holds.
        foreach (var allocation in allocations.OrderBy(a => a.LocationCode, StringComparer.Ordinal))
        {
            foreach (var (sku, quantity) in StockQuantity.Normalize(allocation.Lines))
            {
                var available = shortages.Count == 0
                    ? await TryReserveLineAsync(allocation.LocationCode, sku, quantity, reference, ct, appended)
                    : await AvailableAsync(allocation.LocationCode, sku, ct);
                if (available < quantity) shortages.Add(new LocatedShortage(allocation.LocationCode, sku, quantity, available));
            }
        }
        if (shortages.Count == 0)
        {
            await tx.ReleaseSavepointAsync(savepoint, ct);
            return [];
        }
        await tx.RollbackToSavepointAsync(savepoint, ct);
        foreach (var movement in appended) db.Entry(movement).State = EntityState.Detached;
        return shortages;
    }

    public Task TransferOutAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct) =>
        TakeReservedAsync(locationCode, lines, MovementKind.TransferOut, reference, ct);

    public Task TransferInReservedAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct) =>
        AddToShelfAsync(locationCode, lines, MovementKind.TransferIn, alsoReserved: true, reference, ct);

    public Task ReturnToStockAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct) =>
        AddToShelfAsync(locationCode, lines, MovementKind.Return, alsoReserved: false, reference, ct);

    /// <summary>Units arrive at a location (a receipt, a return, a transfer): on-hand rises, and reserved with it when they are
    /// already promised to a customer. A missing stock line is created; on-hand can never pass int.MaxValue.</summary>
    private async Task AddToShelfAsync(string locationCode, IReadOnlyList<StockQuantity> lines, MovementKind kind, bool alsoReserved,
        string? reference, CancellationToken ct)
    {
        foreach (var (sku, quantity) in StockQuantity.Normalize(lines))
        {
            await EnsureLineAsync(locationCode, sku, ct);
            var held = alsoReserved ? quantity : 0;
            var updated = await Line(locationCode, sku).Where(x => x.OnHand <= int.MaxValue - quantity).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.OnHand, x => x.OnHand + quantity)
                .SetProperty(x => x.Reserved, x => x.Reserved + held), ct);
            if (updated == 0) throw StockLimit(locationCode, sku);
            Append(locationCode, sku, kind, quantity, held, reference);
        }
    }

    public async Task RecordDamagedAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct)
    {
        foreach (var (sku, quantity) in StockQuantity.Normalize(lines))
        {
            await EnsureLineAsync(locationCode, sku, ct);
            Append(locationCode, sku, MovementKind.Damaged, 0, 0, $"{reference}:{quantity} damaged");
        }
    }

    public async Task ReleaseAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct)
    {
        foreach (var (sku, quantity) in StockQuantity.Normalize(lines))
        {
            var updated = await Line(locationCode, sku)
                .Where(x => x.Reserved >= quantity)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved - quantity), ct);
            EnsureUpdated(updated, locationCode, sku);
            Append(locationCode, sku, MovementKind.Release, 0, -quantity, reference);
        }
    }

    public Task SellReservedAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct) =>
        TakeReservedAsync(locationCode, lines, MovementKind.Sale, reference, ct);

    /// <summary>Held units leave the location (sold, or sent to another): on-hand and reserved both fall.</summary>
    private async Task TakeReservedAsync(string locationCode, IReadOnlyList<StockQuantity> lines, MovementKind kind, string reference, CancellationToken ct)
    {
        foreach (var (sku, quantity) in StockQuantity.Normalize(lines))
        {
            var updated = await Line(locationCode, sku)
                .Where(x => x.Reserved >= quantity && x.OnHand >= quantity)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.OnHand, x => x.OnHand - quantity)
                    .SetProperty(x => x.Reserved, x => x.Reserved - quantity), ct);
            EnsureUpdated(updated, locationCode, sku);
            Append(locationCode, sku, kind, -quantity, -quantity, reference);
        }
    }

    public async Task CountAsync(string locationCode, string sku, int countedQuantity, string reference, CancellationToken ct)
    {
        await EnsureLineAsync(locationCode, sku, ct);
        // Compare-and-set on the figure that was read: the ledger row needs the exact delta, and a concurrent
        // change between the read and the write makes the update miss and the count try again.
        for (var attempt = 0; attempt < MaxCountAttempts; attempt++)
        {
            var current = await Line(locationCode, sku).AsNoTracking().Select(x => new { x.OnHand, x.Reserved }).SingleAsync(ct);
            if (countedQuantity < current.Reserved)
                throw new DomainException("count_below_reserved",
                    $"The count {countedQuantity} of {sku} at {locationCode} is below the {current.Reserved} units reserved there; release or fulfil reservations first.");
            var updated = await Line(locationCode, sku)
                .Where(x => x.OnHand == current.OnHand && x.Reserved <= countedQuantity)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, countedQuantity), ct);
            if (updated == 1)
            {
                Append(locationCode, sku, MovementKind.Adjustment, countedQuantity - current.OnHand, 0, reference);
                return;
            }
        }
        throw new DomainException("stock_changed_concurrently", $"The stock of {sku} at {locationCode} kept changing during the count; try again.");
    }

    public async Task SetSafetyStockAsync(string locationCode, string sku, int quantity, CancellationToken ct)
    {
        await EnsureLineAsync(locationCode, sku, ct);
        await Line(locationCode, sku).ExecuteUpdateAsync(s => s.SetProperty(x => x.SafetyStock, quantity), ct);
    }

    private IQueryable<StockLine> Line(string locationCode, string sku) =>
        db.StockLines.Where(x => x.LocationCode == locationCode && x.Sku == sku);

    /// <summary>One line's hold: the conditional update (enough available, location active). Returns what was available:
    /// at least <paramref name="quantity"/> when it was held, less when it was refused. When the update misses but a re-read
    /// shows enough (a concurrent release committed in between), it tries again rather than refuse or skip the line.</summary>
    private async Task<int> TryReserveLineAsync(string locationCode, string sku, int quantity, string reference, CancellationToken ct,
        List<StockMovement>? appended = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var updated = await Line(locationCode, sku)
                .Where(x => x.OnHand - x.Reserved - x.SafetyStock >= quantity)
                .Where(x => db.Locations.Any(l => l.Code == x.LocationCode && l.IsActive))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved + quantity), ct);
            if (updated == 1)
            {
                var movement = Append(locationCode, sku, MovementKind.Reserve, 0, quantity, reference);
                appended?.Add(movement);
                return quantity;
            }
            var available = await AvailableAsync(locationCode, sku, ct);
            if (available < quantity || attempt == MaxReserveAttempts) return Math.Min(available, quantity - 1);
        }
    }

    /// <summary>What a line can promise now; nothing at an inactive location.</summary>
    private async Task<int> AvailableAsync(string locationCode, string sku, CancellationToken ct)
    {
        var figures = await Line(locationCode, sku).AsNoTracking()
            .Where(x => db.Locations.Any(l => l.Code == x.LocationCode && l.IsActive))
            .Select(x => new { x.OnHand, x.Reserved, x.SafetyStock }).FirstOrDefaultAsync(ct);
        return figures is null ? 0 : StockLine.AvailableOf(figures.OnHand, figures.Reserved, figures.SafetyStock);
    }

    private StockMovement Append(string locationCode, string sku, MovementKind kind, int onHandDelta, int reservedDelta, string? reference) =>
        db.StockMovements.Add(new StockMovement(locationCode, sku, kind, onHandDelta, reservedDelta, reference, clock.GetCurrentInstant())).Entity;

    /// <summary>Creates an empty stock line if there is none. Two requests creating the same line race on its primary key:
    /// the loser's insert is rolled back to EF's savepoint and it carries on with the winner's line.</summary>
    private async Task EnsureLineAsync(string locationCode, string sku, CancellationToken ct)
    {
        if (await Line(locationCode, sku).AnyAsync(ct)) return;
        var line = StockLine.Empty(locationCode, sku);
        db.StockLines.Add(line);
        var tx = db.Database.CurrentTransaction;
        const string savepoint = "ensure_line";
        if (tx is not null) await tx.CreateSavepointAsync(savepoint, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Someone else created it first. On PostgreSQL the failed insert aborted the transaction: go back to before it.
            if (tx is not null) await tx.RollbackToSavepointAsync(savepoint, ct);
        }
        finally
        {
            db.Entry(line).State = EntityState.Detached;
        }
    }

    private static DomainException StockLimit(string locationCode, string sku) =>
        new("stock_limit_exceeded", $"On-hand of {sku} at {locationCode} would exceed {int.MaxValue} units.", RefusalKind.Unprocessable);

    private static void EnsureUpdated(int updated, string locationCode, string sku)
    {
        if (updated != 1)
            throw new InvalidOperationException($"Stock ledger invariant broken for {sku} at {locationCode}: the conditional update matched {updated} rows.");
    }
}
