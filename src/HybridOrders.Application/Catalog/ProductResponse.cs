using HybridOrders.Domain.Catalog;
using NodaTime;

namespace HybridOrders.Application.Catalog;

public sealed record ProductResponse(string Sku, string Name, decimal UnitPrice, string Currency, Instant CreatedAt)
{
    public static ProductResponse From(Product p, string currency) => new(p.Sku, p.Name, p.UnitPrice, currency, p.CreatedAt);
}
