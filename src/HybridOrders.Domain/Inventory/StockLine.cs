namespace HybridOrders.Domain.Inventory;

/// <summary>The stock of one SKU at one location. Its figures are changed only by atomic conditional
/// updates in the stock ledger (never loaded, changed and saved), so this type is read-only.</summary>
public sealed class StockLine
{
    private StockLine() { } // EF Core

    public static StockLine Empty(string locationCode, string sku) => new() { LocationCode = locationCode, Sku = sku };

    public string LocationCode { get; private set; } = null!;
    public string Sku { get; private set; } = null!;
    public int OnHand { get; private set; }
    public int Reserved { get; private set; }
    public int SafetyStock { get; private set; }

    /// <summary>Available at or below this is low: crossing it raises <c>stock.low</c> / <c>stock.back_in_stock</c> (0 = sold out).</summary>
    public int LowStockThreshold { get; private set; }

    /// <summary>What can still be promised: max(0, on-hand − reserved − safety stock).</summary>
    public int Available => AvailableOf(OnHand, Reserved, SafetyStock);

    public static int AvailableOf(int onHand, int reserved, int safetyStock) => Math.Max(0, onHand - reserved - safetyStock);
}
