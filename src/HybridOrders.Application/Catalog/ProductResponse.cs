using HybridOrders.Domain.Catalog;
using NodaTime;

namespace HybridOrders.Application.Catalog;

public sealed record ProductResponse(string Sku, string Name, decimal UnitPrice, string Currency, Instant CreatedAt)
{
    public static ProductResponse From(Product p, string currency) => new(p.Sku, p.Name, p.UnitPrice, currency, p.CreatedAt);
}

/// <summary>The one currency of this deployment (<c>Shop:Currency</c>, ISO 4217).</summary>
public sealed record ShopSettings(string Currency = "EUR");
