using HybridOrders.Domain.Inventory;

namespace HybridOrders.Application.Common;

/// <summary>
/// The only way stock figures change. Every method runs one conditional, atomic UPDATE per stock line
/// (lines in SKU order, so concurrent multi-line calls cannot deadlock) and appends the matching ledger row,
/// inside the caller's transaction. Nothing reads a figure, decides and writes it back.
/// </summary>
public interface IStockLedger
{
    /// <summary>Goods arrived: on-hand rises; a missing stock line is created.</summary>
    Task ReceiveAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string? reference, CancellationToken ct);

    /// <summary>Holds every line or none at an active location: throws <see cref="InsufficientStockException"/> listing each line
    /// that is short (an inactive location has nothing to promise).</summary>
    Task ReserveAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct);

    /// <summary>Gives held units back to available.</summary>
    Task ReleaseAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct);

    /// <summary>Held units leave the building: on-hand and reserved both fall.</summary>
    Task SellReservedAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct);

    /// <summary>Reserves several allocations (location → lines) all or nothing, inside a savepoint of the caller's transaction.
    /// Returns the shortages when any line could not be held; then nothing of this call stays held, so the caller may
    /// route again on fresh figures within the same transaction.</summary>
    Task<IReadOnlyList<LocatedShortage>> TryReserveAsync(IReadOnlyList<StockAllocation> allocations, string reference, CancellationToken ct);

    /// <summary>Held units leave an origin for another location: on-hand and reserved fall (<c>transfer_out</c>).</summary>
    Task TransferOutAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct);

    /// <summary>Transferred units arrive, already promised to a customer: on-hand and reserved rise (<c>transfer_in</c>).</summary>
    Task TransferInReservedAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct);

    /// <summary>Returned goods fit to sell again go onto the returning location's shelf: on-hand rises (<c>return</c>).</summary>
    Task ReturnToStockAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct);

    /// <summary>Returned goods that cannot be sold: recorded (<c>damaged</c>) without any sellable stock.</summary>
    Task RecordDamagedAsync(string locationCode, IReadOnlyList<StockQuantity> lines, string reference, CancellationToken ct);

    /// <summary>Sets on-hand to a physical count; refuses a count below what is reserved (<c>count_below_reserved</c>).</summary>
    Task CountAsync(string locationCode, string sku, int countedQuantity, string reference, CancellationToken ct);

    /// <summary>Sets the units kept back from promising at a location. Not a ledger movement.</summary>
    Task SetSafetyStockAsync(string locationCode, string sku, int quantity, CancellationToken ct);

    /// <summary>Bulk sync: sets on-hand of many stock lines to absolute counts with set-based statements, in the caller's
    /// transaction. Each line is applied (a ledger <c>adjustment</c> of the difference), unchanged (nothing written) or refused
    /// (compare-and-set failed, count below reserved) independently of the others. Locations and SKUs must exist and each
    /// (location, SKU) appear once; a missing stock line is created. Changed rows are locked in the global order (location,
    /// then SKU, ordinal). Returns one outcome per line, in the order given.</summary>
    Task<IReadOnlyList<StockSyncOutcome>> SyncAsync(IReadOnlyList<StockSyncLine> lines, string reference, CancellationToken ct);
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
