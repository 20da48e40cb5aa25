namespace HybridOrders.Domain.Inventory;

/// <summary>A quantity of one SKU, as requested in a hold, an order or a receipt.</summary>
public readonly record struct StockQuantity(string Sku, int Quantity)
{
    /// <summary>Merges repeated SKUs and sorts by SKU (ordinal): the fixed order in which stock rows are locked,
    /// so that concurrent multi-line operations cannot deadlock.</summary>
    public static IReadOnlyList<StockQuantity> Normalize(IEnumerable<StockQuantity> lines) =>
        lines.GroupBy(l => l.Sku, StringComparer.Ordinal)
            .Select(g => new StockQuantity(g.Key, checked(g.Sum(l => l.Quantity))))
            .OrderBy(l => l.Sku, StringComparer.Ordinal)
            .ToList();
}

/// <summary>One line that could not be served: what was asked and what was available then.</summary>
public sealed record StockShortage(string Sku, int Requested, int Available);
