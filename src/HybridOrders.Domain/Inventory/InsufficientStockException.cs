using HybridOrders.Domain.Common;

namespace HybridOrders.Domain.Inventory;

public class InsufficientStockException(IReadOnlyList<StockShortage> shortages, string? message = null)
    : DomainException("insufficient_stock", message ?? DescribeShortages(shortages))
{
    public IReadOnlyList<StockShortage> Shortages { get; } = shortages;

    public override IReadOnlyDictionary<string, object?> Extensions =>
        new Dictionary<string, object?> { ["shortages"] = Shortages };

    private static string DescribeShortages(IReadOnlyList<StockShortage> shortages) =>
        "Not enough stock available: " + string.Join(", ",
            shortages.Select(s => $"{s.Sku} requested {s.Requested}, available {s.Available}")) + ".";
}
