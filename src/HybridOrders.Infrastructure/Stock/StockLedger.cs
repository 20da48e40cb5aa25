using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace HybridOrders.Infrastructure.Stock;

/// <summary>
/// The atomic stock ledger. Each change is one conditional UPDATE on the stock row (the condition is the business
/// rule, so a concurrent change can never slip between a check and a write) plus one appended movement row, both in
/// the caller's transaction. Every batch is applied in the global lock order, ordinal (LocationCode, Sku), and the
/// ledger remembers the highest line it locked in the current transaction, so a later call that would go back below it
/// (the start of a deadlock cycle) is seen: logged always, refused where <see cref="StockOptions.EnforceLockOrder"/> is on.
/// </summary>
internal sealed partial class StockLedger(HybridOrdersDbContext db, IClock clock, IOptions<StockOptions> options, ILogger<StockLedger> logger,
    Outbox.EventOutbox outbox, Outbox.OutboxSignal outboxSignal)
    : IStockLedger
{
    private const int MaxCountAttempts = 10;
    private const int MaxReserveAttempts = 3;

    private Guid? _transactionId;
    private StockLineKey? _highestLocked;

    /// <summary>The movement rows appended inside the current <see cref="TryApplyAsync"/> savepoint: all of them are dropped with it
    /// (a refused attempt must leave no ledger row behind, whatever kind of move appended it).</summary>
    private List<StockMovement>? _attempt;

    public async Task ApplyAsync(StockMoves moves, CancellationToken ct)
    {
        var full = await TakeCapacityAsync(moves, ct);
        if (full.Count > 0)
            throw new DomainException("at_capacity", $"Location {full[0]} has reached its daily capacity.");
        var shortages = await ApplyInLockOrderAsync(moves, ct);
        if (shortages.Count > 0)
            throw new InsufficientStockException(shortages.Select(s => new StockShortage(s.Sku, s.Requested, s.Available)).ToList());
    }

    public async Task<StockApplyResult> TryApplyAsync(StockMoves moves, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("TryApplyAsync needs the caller's transaction.");
        const string savepoint = "reserve_attempt"; // a fixed name: SAVEPOINT may repeat a name, and one statement text keeps pg_stat_statements tidy
        var highestBefore = HighestLocked();
        var stockEventsBefore = _stockEvents.Count;
        var ordered = moves.InLockOrder();
        if (moves.CapacityInLockOrder().Count == 0 && CanBatchReserves(ordered))
        {
            // An order's plan on PostgreSQL: the savepoint rides along with the reserves, one round trip. When all is held the
            // savepoint is simply left open (it ends with the transaction): no RELEASE round trip.
            var batchShort = await ReserveBatchedAsync(ordered, ct, savepoint);
            if (batchShort.Count == 0) return StockApplyResult.Applied;
            await tx.RollbackToSavepointAsync(savepoint, ct);
            _highestLocked = highestBefore;
            DropStockEventsAfter(stockEventsBefore);
            return new StockApplyResult(batchShort, []);
        }
        await tx.CreateSavepointAsync(savepoint, ct);
        var appended = _attempt = [];
        IReadOnlyList<string> full;
        IReadOnlyList<LocatedShortage> shortages;
        try
        {
            full = await TakeCapacityAsync(moves, ct);
            shortages = full.Count == 0 ? await ApplyInLockOrderAsync(moves, ct) : [];
        }
        finally
        {
            _attempt = null;
        }
        if (full.Count == 0 && shortages.Count == 0)
        {
            await tx.ReleaseSavepointAsync(savepoint, ct);
            return StockApplyResult.Applied;
        }
        // Rolling back to the savepoint also releases the row locks taken after it.
        await tx.RollbackToSavepointAsync(savepoint, ct);
        _highestLocked = highestBefore;
        foreach (var movement in appended) db.Entry(movement).State = EntityState.Detached;
        DropStockEventsAfter(stockEventsBefore);
        return new StockApplyResult(shortages, full);
    }

    /// <summary>Every move in lock order. Once one reserve is short the batch has failed: the remaining reserves are only read,
    /// so that the refusal lists every line that is short without locking more rows, and nothing else is applied.</summary>
    private async Task<IReadOnlyList<LocatedShortage>> ApplyInLockOrderAsync(StockMoves moves, CancellationToken ct)
    {
        var ordered = moves.InLockOrder();
        if (CanBatchReserves(ordered)) return await ReserveBatchedAsync(ordered, ct); // an order's plan: one round trip
        var shortages = new List<LocatedShortage>();
        foreach (var move in ordered)
        {
            var (kind, location, sku, quantity, reference) = move;
            if (shortages.Count > 0)
            {
                if (kind is StockMoveKind.Reserve or StockMoveKind.SellFromShelf && await AvailableAsync(location, sku, ct) is var available && available < quantity)
                    shortages.Add(new LocatedShortage(location, sku, quantity, available));
                continue;
            }
            NoteLocking(location, sku);
            switch (kind)
            {
                case StockMoveKind.Reserve:
                    var held = await TryReserveLineAsync(location, sku, quantity, reference, ct);
                    if (held < quantity) shortages.Add(new LocatedShortage(location, sku, quantity, held));
                    break;
                case StockMoveKind.SellFromShelf:
                    var sold = await TrySellFromShelfLineAsync(location, sku, quantity, reference, ct);
                    if (sold < quantity) shortages.Add(new LocatedShortage(location, sku, quantity, sold));
                    break;
                case StockMoveKind.Release:
                    await ReleaseLineAsync(location, sku, quantity, reference, ct);
                    break;
                case StockMoveKind.SellReserved:
                    await TakeReservedLineAsync(location, sku, quantity, MovementKind.Sale, reference, ct);
                    break;
                case StockMoveKind.TransferOut:
                    await TakeReservedLineAsync(location, sku, quantity, MovementKind.TransferOut, reference, ct);
                    break;
                case StockMoveKind.TransferInReserved:
                    await AddToShelfLineAsync(location, sku, quantity, MovementKind.TransferIn, alsoReserved: true, reference, ct);
                    break;
                case StockMoveKind.Receive:
                    await AddToShelfLineAsync(location, sku, quantity, MovementKind.Receipt, alsoReserved: false, reference, ct);
                    break;
                case StockMoveKind.ReturnToStock:
                    await AddToShelfLineAsync(location, sku, quantity, MovementKind.Return, alsoReserved: false, reference, ct);
                    break;
                case StockMoveKind.RecordDamaged:
                    await EnsureLineAsync(location, sku, ct);
                    Append(location, sku, MovementKind.Damaged, 0, 0, $"{reference}:{quantity} damaged");
                    break;
                case StockMoveKind.WriteOffMissing:
                    await TakeReservedLineAsync(location, sku, quantity, MovementKind.Adjustment, reference, ct);
                    break;
                case StockMoveKind.WriteOffDamaged:
                    await TakeReservedLineAsync(location, sku, quantity, MovementKind.Damaged, reference, ct);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(moves), kind, "Unknown stock move.");
            }
        }
        return shortages;
    }

    /// <summary>Units arrive at a location (a receipt, a return, a transfer): on-hand rises, and reserved with it when they are
    /// already promised to a customer. A missing stock line is created; on-hand can never pass int.MaxValue.</summary>
    private async Task AddToShelfLineAsync(string locationCode, string sku, int quantity, MovementKind kind, bool alsoReserved,
        string? reference, CancellationToken ct)
    {
        await EnsureLineAsync(locationCode, sku, ct);
        var held = alsoReserved ? quantity : 0;
        if (await UpdateLineAsync(locationCode, sku, quantity, held, ct, maxOnHand: int.MaxValue - quantity) is null)
            throw StockLimit(locationCode, sku);
        Append(locationCode, sku, kind, quantity, held, reference);
    }

    private async Task ReleaseLineAsync(string locationCode, string sku, int quantity, string? reference, CancellationToken ct)
    {
        var updated = await UpdateLineAsync(locationCode, sku, 0, -quantity, ct, minReserved: quantity);
        EnsureUpdated(updated is null ? 0 : 1, locationCode, sku);
        Append(locationCode, sku, MovementKind.Release, 0, -quantity, reference);
    }

    /// <summary>Held units leave the location (sold, or sent to another): on-hand and reserved both fall.</summary>
    private async Task TakeReservedLineAsync(string locationCode, string sku, int quantity, MovementKind kind, string? reference, CancellationToken ct)
    {
        var updated = await Line(locationCode, sku)
            .Where(x => x.Reserved >= quantity && x.OnHand >= quantity)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.OnHand, x => x.OnHand - quantity)
                .SetProperty(x => x.Reserved, x => x.Reserved - quantity), ct);
        EnsureUpdated(updated, locationCode, sku);
        Append(locationCode, sku, kind, -quantity, -quantity, reference);
    }

    /// <summary>The highest line locked so far in the current transaction (none in a new one).</summary>
    private StockLineKey? HighestLocked()
    {
        var current = db.Database.CurrentTransaction?.TransactionId;
        if (current != _transactionId)
        {
            _transactionId = current;
            _highestLocked = null;
        }
        return _highestLocked;
    }

    /// <summary>Records that a line is about to be locked. Going back below a line already locked in this transaction breaks the
    /// global order: another transaction may hold this line and wait for the higher one.</summary>
    private void NoteLocking(string locationCode, string sku)
    {
        var key = new StockLineKey(locationCode, sku);
        if (HighestLocked() is { } highest && key.CompareTo(highest) < 0)
        {
            logger.LogWarning("Stock line {Sku} at {Location} locked after {HigherSku} at {HigherLocation}: out of the global lock order " +
                              "(ordinal LocationCode, Sku); hand all of a transaction's stock moves to the ledger in one call",
                sku, locationCode, highest.Sku, highest.LocationCode);
            if (options.Value.EnforceLockOrder)
                throw new InvalidOperationException($"Stock line {locationCode}/{sku} locked after {highest.LocationCode}/{highest.Sku}: out of the global lock order.");
            return;
        }
        _highestLocked = key;
    }

    public async Task CountAsync(StockLineKey line, int countedQuantity, string reference, CancellationToken ct)
    {
        var (locationCode, sku) = line;
        NoteLocking(locationCode, sku);
        await EnsureLineAsync(locationCode, sku, ct);
        // Compare-and-set on the figure that was read: the ledger row needs the exact delta, and a concurrent
        // change between the read and the write makes the update miss and the count try again.
        for (var attempt = 0; attempt < MaxCountAttempts; attempt++)
        {
            var current = await Line(locationCode, sku).AsNoTracking().Select(x => new { x.OnHand, x.Reserved, x.SafetyStock, x.LowStockThreshold }).SingleAsync(ct);
            if (countedQuantity < current.Reserved)
                throw new DomainException("count_below_reserved",
                    $"The count {countedQuantity} of {sku} at {locationCode} is below the {current.Reserved} units reserved there; release or fulfil reservations first.");
            var updated = await Line(locationCode, sku)
                .Where(x => x.OnHand == current.OnHand && x.Reserved <= countedQuantity)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, countedQuantity), ct);
            if (updated == 1)
            {
                Append(locationCode, sku, MovementKind.Adjustment, countedQuantity - current.OnHand, 0, reference);
                // The update matched the figures read (on-hand unchanged, row now locked): they are the line's before and after.
                NoteThreshold(locationCode, sku, current.OnHand, current.Reserved,
                    new LineFigures(countedQuantity, current.Reserved, current.SafetyStock, current.LowStockThreshold));
                return;
            }
        }
        throw new DomainException("stock_changed_concurrently", $"The stock of {sku} at {locationCode} kept changing during the count; try again.");
    }

    public async Task SetSafetyStockAsync(StockLineKey line, int quantity, CancellationToken ct)
    {
        var (locationCode, sku) = line;
        NoteLocking(locationCode, sku);
        await EnsureLineAsync(locationCode, sku, ct);
        await Line(locationCode, sku).ExecuteUpdateAsync(s => s.SetProperty(x => x.SafetyStock, quantity), ct);
    }

    public async Task SetLowStockThresholdAsync(StockLineKey line, int quantity, CancellationToken ct)
    {
        var (locationCode, sku) = line;
        NoteLocking(locationCode, sku);
        await EnsureLineAsync(locationCode, sku, ct);
        await Line(locationCode, sku).ExecuteUpdateAsync(s => s.SetProperty(x => x.LowStockThreshold, quantity), ct);
    }

    private IQueryable<StockLine> Line(string locationCode, string sku) =>
        db.StockLines.Where(x => x.LocationCode == locationCode && x.Sku == sku);

    /// <summary>One line's hold: the conditional update (enough available, location active). Returns what was available:
    /// at least <paramref name="quantity"/> when it was held, less when it was refused. When the update misses but a re-read
    /// shows enough (a concurrent release committed in between), it tries again rather than refuse or skip the line.</summary>
    private async Task<int> TryReserveLineAsync(string locationCode, string sku, int quantity, string? reference, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await UpdateLineAsync(locationCode, sku, 0, quantity, ct, minAvailable: quantity) is not null)
            {
                Append(locationCode, sku, MovementKind.Reserve, 0, quantity, reference);
                return quantity;
            }
            var available = await AvailableAsync(locationCode, sku, ct);
            if (available < quantity || attempt == MaxReserveAttempts) return Math.Min(available, quantity - 1);
        }
    }

    /// <summary>A till sale off the shelf: on-hand falls where enough is available (held units and safety stock are not sold).
    /// Returns what was available, as <see cref="TryReserveLineAsync"/> does.</summary>
    private async Task<int> TrySellFromShelfLineAsync(string locationCode, string sku, int quantity, string? reference, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await UpdateLineAsync(locationCode, sku, -quantity, 0, ct, minAvailable: quantity) is not null)
            {
                Append(locationCode, sku, MovementKind.Sale, -quantity, 0, reference);
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

    private void Append(string locationCode, string sku, MovementKind kind, int onHandDelta, int reservedDelta, string? reference)
    {
        var movement = db.StockMovements.Add(new StockMovement(locationCode, sku, kind, onHandDelta, reservedDelta, reference, clock.GetCurrentInstant())).Entity;
        _attempt?.Add(movement);
    }

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

/// <summary>Settings of the stock ledger.</summary>
public sealed class StockOptions
{
    public const string Section = "Stock";

    /// <summary>Refuse (rather than only log) a stock change that would lock a line below one already locked in the same
    /// transaction. On in the tests, so that every path is checked against the global lock order.</summary>
    public bool EnforceLockOrder { get; set; }
}
