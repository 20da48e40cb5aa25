using HybridOrders.Domain.Inventory;

namespace HybridOrders.Application.Inventory;

public sealed record StockLineResponse(string LocationCode, string Sku, int OnHand, int Reserved, int SafetyStock, int Available, int LowStockThreshold)
{
    public static StockLineResponse From(StockLine s) => new(s.LocationCode, s.Sku, s.OnHand, s.Reserved, s.SafetyStock, s.Available, s.LowStockThreshold);
}

public sealed record StockReceiptResponse(string LocationCode, string? Reference, IReadOnlyList<StockLineResponse> Lines);
