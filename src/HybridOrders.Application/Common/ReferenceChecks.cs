using HybridOrders.Domain.Catalog;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Locations;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Common;

/// <summary>A request body names a location or SKU that does not exist: well-formed, not acceptable (422).</summary>
public sealed class UnknownReferenceException(string code, string message, IReadOnlyList<string> unknown)
    : DomainException(code, message, RefusalKind.Unprocessable)
{
    public override IReadOnlyDictionary<string, object?> Extensions => new Dictionary<string, object?> { ["unknown"] = unknown };
}

public static class ReferenceChecks
{
    /// <summary>The catalogue prices of the SKUs asked for (every order and most stock commands read them: compiled once).</summary>
    private static readonly PerModelQuery<Func<DbContext, List<string>, IAsyncEnumerable<SkuPrice>>> Prices = new(() =>
        EF.CompileAsyncQuery((DbContext c, List<string> skus) =>
            c.Set<Product>().Where(p => skus.Contains(p.Sku)).Select(p => new SkuPrice(p.Sku, p.UnitPrice))));

    private sealed record SkuPrice(string Sku, decimal UnitPrice);

    /// <summary>The location named in a request body, or 422 <c>unknown_location</c>.</summary>
    public static async Task<Location> RequireLocationAsync(this IHybridOrdersDbContext db, string code, CancellationToken ct) =>
        await db.Locations.AsNoTracking().IgnoreAutoIncludes().FirstOrDefaultAsync(l => l.Code == code, ct)
        ?? throw new UnknownReferenceException("unknown_location", $"There is no location '{code}'.", [code]);

    /// <summary>Every SKU named in a request body exists in the catalogue, or 422 <c>unknown_sku</c> listing the unknown ones.
    /// Returns their catalogue prices (read in the same query).</summary>
    public static async Task<IReadOnlyDictionary<string, decimal>> RequireProductsAsync(this IHybridOrdersDbContext db,
        IReadOnlyCollection<string> skus, CancellationToken ct)
    {
        var distinct = skus.Distinct(StringComparer.Ordinal).ToList();
        var (query, context) = Prices.For(db);
        var prices = new Dictionary<string, decimal>(distinct.Count, StringComparer.Ordinal);
        await foreach (var row in query(context, distinct).WithCancellation(ct)) prices[row.Sku] = row.UnitPrice;
        var unknown = distinct.Where(s => !prices.ContainsKey(s)).ToList();
        if (unknown.Count > 0)
            throw new UnknownReferenceException("unknown_sku", $"Unknown SKU(s): {string.Join(", ", unknown)}.", unknown);
        return prices;
    }

    /// <summary>Both parts of a /locations/{code}/stock/{sku} route exist, or 404.</summary>
    public static async Task RequireStockKeyAsync(this IHybridOrdersDbContext db, string locationCode, string sku, CancellationToken ct)
    {
        if (!await db.Locations.AnyAsync(l => l.Code == locationCode, ct)) throw new NotFoundException("Location", locationCode);
        if (!await db.Products.AnyAsync(p => p.Sku == sku, ct)) throw new NotFoundException("Product", sku);
    }
}
