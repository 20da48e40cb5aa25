using HybridOrders.Domain.Common;
using NodaTime;

namespace HybridOrders.Domain.Catalog;

/// <summary>A catalogue product. Its unit price is the one price of every channel.</summary>
public sealed class Product
{
    private Product() { } // EF Core

    public Product(string sku, string name, decimal unitPrice, Instant createdAt)
    {
        if (!Codes.IsValid(sku)) throw new ArgumentException("Invalid SKU.", nameof(sku));
        Sku = sku;
        Name = name;
        UnitPrice = Money.Round(unitPrice);
        CreatedAt = createdAt;
    }

    public string Sku { get; private set; } = null!;
    public string Name { get; private set; } = null!;
    public decimal UnitPrice { get; private set; }
    public Instant CreatedAt { get; private set; }
}
