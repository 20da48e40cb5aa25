using NodaTime;

namespace HybridOrders.Domain.Inventory;

public enum MovementKind
{
    Receipt,
    Adjustment,
    Reserve,
    Release,
    Sale,
    Return,
    Damaged,
    TransferOut,
    TransferIn,
}

/// <summary>One append-only row of the stock ledger. The sum of a stock line's deltas is its current figures.</summary>
public sealed class StockMovement
{
    private StockMovement() { } // EF Core

    public StockMovement(string locationCode, string sku, MovementKind kind, int onHandDelta, int reservedDelta,
        string? reference, Instant occurredAt)
    {
        LocationCode = locationCode;
        Sku = sku;
        Kind = kind;
        OnHandDelta = onHandDelta;
        ReservedDelta = reservedDelta;
        Reference = reference;
        OccurredAt = occurredAt;
    }

    public long Id { get; private set; }
    public string LocationCode { get; private set; } = null!;
    public string Sku { get; private set; } = null!;
    public MovementKind Kind { get; private set; }
    public int OnHandDelta { get; private set; }
    public int ReservedDelta { get; private set; }
    public string? Reference { get; private set; }
    public Instant OccurredAt { get; private set; }
}
