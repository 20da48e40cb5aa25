using HybridOrders.Domain.Common;
using NodaTime;

namespace HybridOrders.Domain.Forecasting;

/// <summary>
/// One day's sales of a SKU at a location in a channel, imported from a previous system (<c>POST /stock/sales-history</c>).
/// A later import of the same date, location, SKU and channel replaces the quantity. The service's own sales are not
/// stored here: they are read from its orders.
/// </summary>
public sealed class ImportedSale
{
    private ImportedSale() { } // EF Core

    public ImportedSale(string sku, string locationCode, LocalDate date, SalesChannel channel, int quantity, Instant importedAt)
    {
        Sku = sku;
        LocationCode = locationCode;
        Date = date;
        Channel = channel;
        Replace(quantity, importedAt);
    }

    public string Sku { get; private set; } = null!;
    public string LocationCode { get; private set; } = null!;
    /// <summary>The store-local date of the sales.</summary>
    public LocalDate Date { get; private set; }
    public SalesChannel Channel { get; private set; }
    public int Quantity { get; private set; }
    public Instant ImportedAt { get; private set; }

    public void Replace(int quantity, Instant importedAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        Quantity = quantity;
        ImportedAt = importedAt;
    }
}
