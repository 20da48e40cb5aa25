using HybridOrders.Domain.Inventory;
using NodaTime;

namespace HybridOrders.Application.Common;

/// <summary>
/// The only way stock figures change. Every change is one conditional, atomic UPDATE per stock line plus the matching
/// ledger row, inside the caller's transaction; nothing reads a figure, decides and writes it back.
/// <para>
/// <b>One global lock order.</b> Whatever the use case, stock lines are touched in ordinal (LocationCode, Sku) order, so
/// no two transactions can each hold a line the other needs. The ledger sorts what it is given; a use case that changes
/// stock at several locations (a cancel, a return, a reject with re-routing) hands all of it over in ONE call
/// (<see cref="ApplyAsync"/> / <see cref="TryApplyAsync"/> with a <see cref="StockMoves"/>), never one call per location.
/// A later call that would go back below a line already locked in the transaction is logged (and refused where
/// <c>Stock:EnforceLockOrder</c> is on, as in the tests). See ADR 0002.
/// </para>
/// </summary>
public interface IStockLedger
{
    /// <summary>Applies every move in the global lock order. A <see cref="StockMoveKind.Reserve"/> that cannot be held throws
    /// <see cref="InsufficientStockException"/> listing each short line (the caller's transaction then rolls back whole).</summary>
    Task ApplyAsync(StockMoves moves, CancellationToken ct);

    /// <summary>Like <see cref="ApplyAsync"/>, all or nothing inside a savepoint of the caller's transaction: returns the
    /// shortages when any reserve could not be held, and then nothing of this call stays applied or locked, so the caller
    /// may route again on fresh figures within the same transaction.</summary>
    Task<StockApplyResult> TryApplyAsync(StockMoves moves, CancellationToken ct);

    /// <summary>Goods arrived: on-hand rises; a missing stock line is created.</summary>
    Task ReceiveAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string? reference, CancellationToken ct) =>
        ApplyAsync(new StockMoves().Receive(locationCode, lines, reference), ct);

    /// <summary>Holds every line or none at an active location: throws <see cref="InsufficientStockException"/> listing each line
    /// that is short (an inactive location has nothing to promise).</summary>
    Task ReserveAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct) =>
        ApplyAsync(new StockMoves().Reserve(locationCode, lines, reference), ct);

    /// <summary>A new hold: reserves the reservation's lines at its location, every line or none (throws
    /// <see cref="InsufficientStockException"/> listing each short line), and records the reservation with its lines and its
    /// events in the same step. The hot path of the ledger: on PostgreSQL one statement, nothing change-tracked; elsewhere
    /// <see cref="ReserveAsync"/> plus the reservation added to the unit of work.
    /// <para>Returns the customer registry id when the same statement also linked the hold to its customer: on single
    /// PostgreSQL, when every identifier the hold carries already belongs to one live record (a returning customer, the common
    /// case, where <see cref="Customers.CustomerRegistry.RecordAsync"/> would add nothing but the link). Otherwise null, and
    /// the caller records the customer through the registry.</para></summary>
    Task<string?> HoldAsync(Domain.Reservations.Reservation reservation, CancellationToken ct);

    /// <summary>The whole of a new hold as ONE statement that commits by itself, outside any transaction
    /// (<see cref="ITransactionOnDemand"/>): its stock, ledger rows, reservation, event and customer link, all or nothing.
    /// Only where that is the whole of it: single PostgreSQL, no transaction open (no idempotency key), a returning customer
    /// (every identifier already on one live registry record), ONE line (a statement is all or nothing for one row only),
    /// available, and not crossing its low-stock threshold (which adds a stock event). True: written and committed. False:
    /// nothing was written; the caller begins its transaction and takes <see cref="HoldAsync"/>, which handles every case (and
    /// says why a hold is refused).</summary>
    Task<bool> TryHoldAtOnceAsync(Domain.Reservations.Reservation reservation, CancellationToken ct) => Task.FromResult(false);

    /// <summary>Gives held units back to available.</summary>
    Task ReleaseAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct) =>
        ApplyAsync(new StockMoves().Release(locationCode, lines, reference), ct);

    /// <summary>Held units leave the building: on-hand and reserved both fall.</summary>
    Task SellReservedAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct) =>
        ApplyAsync(new StockMoves().SellReserved(locationCode, lines, reference), ct);

    /// <summary>Reserves several allocations (location → lines) all or nothing; see <see cref="TryApplyAsync"/>. A failure of the
    /// ledger (e.g. a deadlock the transaction retry must see) reaches the caller as itself.</summary>
    async Task<IReadOnlyList<LocatedShortage>> TryReserveAsync(IReadOnlyList<StockAllocation> allocations, string reference, CancellationToken ct)
    {
        var moves = new StockMoves();
        foreach (var a in allocations) moves.Reserve(a.LocationCode, a.Lines, reference);
        return (await TryApplyAsync(moves, ct)).Shortages;
    }

    /// <summary>Held units leave an origin for another location: on-hand and reserved fall (<c>transfer_out</c>).</summary>
    Task TransferOutAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct) =>
        ApplyAsync(new StockMoves().TransferOut(locationCode, lines, reference), ct);

    /// <summary>Transferred units arrive, already promised to a customer: on-hand and reserved rise (<c>transfer_in</c>).</summary>
    Task TransferInReservedAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct) =>
        ApplyAsync(new StockMoves().TransferInReserved(locationCode, lines, reference), ct);

    /// <summary>Returned goods fit to sell again go onto the returning location's shelf: on-hand rises (<c>return</c>).</summary>
    Task ReturnToStockAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct) =>
        ApplyAsync(new StockMoves().ReturnToStock(locationCode, lines, reference), ct);

    /// <summary>Returned goods that cannot be sold: recorded (<c>damaged</c>) without any sellable stock.</summary>
    Task RecordDamagedAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct) =>
        ApplyAsync(new StockMoves().RecordDamaged(locationCode, lines, reference), ct);

    /// <summary>Sets on-hand to a physical count; refuses a count below what is reserved (<c>count_below_reserved</c>).</summary>
    Task CountAsync(StockLineKey line, int countedQuantity, string reference, CancellationToken ct);

    /// <summary>Sets the units kept back from promising at a location. Not a ledger movement.</summary>
    Task SetSafetyStockAsync(StockLineKey line, int quantity, CancellationToken ct);

    /// <summary>Bulk sync: sets on-hand of many stock lines to absolute counts with set-based statements, in the caller's
    /// transaction. Each line is applied (a ledger <c>adjustment</c> of the difference), unchanged (nothing written) or refused
    /// (compare-and-set failed, count below reserved) independently of the others. Locations and SKUs must exist and each
    /// (location, SKU) appear once; a missing stock line is created. Changed rows are locked in the global order (location,
    /// then SKU, ordinal). Returns one outcome per line, in the order given.</summary>
    Task<IReadOnlyList<StockSyncOutcome>> SyncAsync(IReadOnlyList<StockSyncLine> lines, string reference, CancellationToken ct);

    /// <summary>Sets the available figure at or below which the line counts as low (<c>stock.low</c>). Not a ledger movement.</summary>
    Task SetLowStockThresholdAsync(StockLineKey line, int quantity, CancellationToken ct);
}

/// <summary>What a move does to a stock line.</summary>
public enum StockMoveKind
{
    /// <summary>Hold units (conditional: enough available at an active location).</summary>
    Reserve,
    /// <summary>Give held units back.</summary>
    Release,
    /// <summary>Held units are sold: on-hand and reserved fall (<c>sale</c>).</summary>
    SellReserved,
    /// <summary>Units sold straight off the shelf at a till (conditional, like a hold): on-hand falls (<c>sale</c>).</summary>
    SellFromShelf,
    /// <summary>Held units leave for another location (<c>transfer_out</c>).</summary>
    TransferOut,
    /// <summary>Units arrive already promised: on-hand and reserved rise (<c>transfer_in</c>).</summary>
    TransferInReserved,
    /// <summary>Goods received: on-hand rises (<c>receipt</c>).</summary>
    Receive,
    /// <summary>Returned goods back on the shelf: on-hand rises (<c>return</c>).</summary>
    ReturnToStock,
    /// <summary>Returned goods that cannot be sold: recorded only (<c>damaged</c>).</summary>
    RecordDamaged,
    /// <summary>Held units are not on the shelf after all (a short pick): on-hand and reserved fall (<c>adjustment</c>).</summary>
    WriteOffMissing,
    /// <summary>Held units turn out damaged: they leave sellable stock, on-hand and reserved fall (<c>damaged</c>).</summary>
    WriteOffDamaged,
}

/// <summary>One change of one stock line.</summary>
public sealed record StockMove(StockMoveKind Kind, string LocationCode, string Sku, int Quantity, string? Reference);

/// <summary>The stock changes of one use case, handed to the ledger together so that it can take them in the global lock
/// order (ordinal LocationCode, then Sku; moves of one line keep the order they were added in).</summary>
public sealed class StockMoves
{
    private readonly List<StockMove> _moves = [];
    private readonly List<(string LocationCode, LocalDate Day)> _capacity = [];

    public IReadOnlyList<StockMove> Items => _moves;
    public bool IsEmpty => _moves.Count == 0 && _capacity.Count == 0;

    /// <summary>One fulfilment slot of <paramref name="locationCode"/>'s daily capacity on its local <paramref name="day"/>
    /// (conditional: below its <c>dailyCapacity</c>). Slots are taken before any stock line, in location order.</summary>
    public StockMoves TakeCapacity(string locationCode, LocalDate day)
    {
        _capacity.Add((locationCode, day));
        return this;
    }

    /// <summary>The capacity slots to take, in location order (one per location and day, merged).</summary>
    public IReadOnlyList<(string LocationCode, LocalDate Day, int Slots)> CapacityInLockOrder() =>
        _capacity.GroupBy(c => c).Select(g => (g.Key.LocationCode, g.Key.Day, g.Count()))
            .OrderBy(c => c.LocationCode, StringComparer.Ordinal).ThenBy(c => c.Day).ToList();

    public StockMoves Reserve(string locationCode, IEnumerable<StockQuantity> lines, string reference) => Add(StockMoveKind.Reserve, locationCode, lines, reference);
    public StockMoves Release(string locationCode, IEnumerable<StockQuantity> lines, string reference) => Add(StockMoveKind.Release, locationCode, lines, reference);
    public StockMoves SellReserved(string locationCode, IEnumerable<StockQuantity> lines, string reference) => Add(StockMoveKind.SellReserved, locationCode, lines, reference);
    public StockMoves SellFromShelf(string locationCode, IEnumerable<StockQuantity> lines, string reference) => Add(StockMoveKind.SellFromShelf, locationCode, lines, reference);
    public StockMoves TransferOut(string locationCode, IEnumerable<StockQuantity> lines, string reference) => Add(StockMoveKind.TransferOut, locationCode, lines, reference);
    public StockMoves TransferInReserved(string locationCode, IEnumerable<StockQuantity> lines, string reference) => Add(StockMoveKind.TransferInReserved, locationCode, lines, reference);
    public StockMoves Receive(string locationCode, IEnumerable<StockQuantity> lines, string? reference) => Add(StockMoveKind.Receive, locationCode, lines, reference);
    public StockMoves ReturnToStock(string locationCode, IEnumerable<StockQuantity> lines, string reference) => Add(StockMoveKind.ReturnToStock, locationCode, lines, reference);
    public StockMoves RecordDamaged(string locationCode, IEnumerable<StockQuantity> lines, string reference) => Add(StockMoveKind.RecordDamaged, locationCode, lines, reference);
    public StockMoves WriteOffMissing(string locationCode, IEnumerable<StockQuantity> lines, string reference) => Add(StockMoveKind.WriteOffMissing, locationCode, lines, reference);
    public StockMoves WriteOffDamaged(string locationCode, IEnumerable<StockQuantity> lines, string reference) => Add(StockMoveKind.WriteOffDamaged, locationCode, lines, reference);

    /// <summary>A copy, to which more moves can be added without changing this one (a use case that retries its plan).</summary>
    public StockMoves Copy() => new StockMoves().Add(this);

    /// <summary>Adds every move and capacity slot of <paramref name="other"/> to this batch.</summary>
    public StockMoves Add(StockMoves other)
    {
        _moves.AddRange(other._moves);
        _capacity.AddRange(other._capacity);
        return this;
    }

    private StockMoves Add(StockMoveKind kind, string locationCode, IEnumerable<StockQuantity> lines, string? reference)
    {
        // Merged per SKU (StockQuantity.Normalize), as every single-location call always did.
        foreach (var (sku, quantity) in StockQuantity.Normalize(lines)) _moves.Add(new StockMove(kind, locationCode, sku, quantity, reference));
        return this;
    }

    /// <summary>The moves in the global lock order: ordinal (LocationCode, Sku), stable for moves of one line.</summary>
    public IReadOnlyList<StockMove> InLockOrder() =>
        _moves.OrderBy(m => m.LocationCode, StringComparer.Ordinal).ThenBy(m => m.Sku, StringComparer.Ordinal).ToList();
}

/// <summary>What an all-or-nothing batch found: nothing (applied), or the lines short and the locations at their daily capacity.</summary>
public sealed record StockApplyResult(IReadOnlyList<LocatedShortage> Shortages, IReadOnlyList<string> AtCapacity)
{
    public static readonly StockApplyResult Applied = new([], []);
    public bool IsApplied => Shortages.Count == 0 && AtCapacity.Count == 0;
}

/// <summary>What to take from one location.</summary>
public sealed record StockAllocation(string LocationCode, IReadOnlyList<StockQuantity> Lines);

/// <summary>A line one location could not hold when it was asked to.</summary>
public sealed record LocatedShortage(string LocationCode, string Sku, int Requested, int Available);

/// <summary>Bulk stock sync (<see cref="IStockLedger.SyncAsync"/>): set on-hand of a stock line to an absolute count,
/// only while it still is <see cref="CompareOnHand"/> when that is given.</summary>
public sealed record StockSyncLine(string LocationCode, string Sku, int OnHand, int? CompareOnHand);

public enum StockSyncResult
{
    /// <summary>On-hand was set; the ledger has an <c>adjustment</c> of the difference.</summary>
    Applied,
    /// <summary>On-hand already was the count: nothing written.</summary>
    Unchanged,
    /// <summary>On-hand was not <see cref="StockSyncLine.CompareOnHand"/>.</summary>
    CompareFailed,
    /// <summary>The count is below what is reserved there.</summary>
    CountBelowReserved,
}

/// <summary>What became of one sync line, with the figures it was judged on (before any change).</summary>
public readonly record struct StockSyncOutcome(StockSyncResult Result, int OnHandBefore, int Reserved);

/// <summary>A stock-line key in the global lock order.</summary>
public readonly record struct StockLineKey(string LocationCode, string Sku) : IComparable<StockLineKey>
{
    public int CompareTo(StockLineKey other)
    {
        var byLocation = string.CompareOrdinal(LocationCode, other.LocationCode);
        return byLocation != 0 ? byLocation : string.CompareOrdinal(Sku, other.Sku);
    }
}
