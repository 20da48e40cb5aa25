using HybridOrders.Application.Catalog;
using HybridOrders.Application.Common;
using HybridOrders.Application.Inventory;
using HybridOrders.Application.Locations;
using HybridOrders.Domain.Locations;
using HybridOrders.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridOrders.Infrastructure.Seed;

/// <summary>Seeds the demo network through the same use cases as the API, so the ledger holds a receipt for every
/// unit. Idempotent: what exists already (a location, a product, a stock line) is left as it is.</summary>
internal sealed class DemoSeeder(ISender sender, HybridOrdersDbContext db, IStockLedger ledger, IUnitOfWork unitOfWork,
    IOptions<DemoOptions> options, ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var network = DemoNetwork.Load(options.Value.SeedFile);
        var locations = (await db.Locations.Select(l => l.Code).ToListAsync(ct)).ToHashSet();
        var products = (await db.Products.Select(p => p.Sku).ToListAsync(ct)).ToHashSet();
        var stocked = (await db.StockLines.Select(s => s.LocationCode + "\n" + s.Sku).ToListAsync(ct)).ToHashSet();

        foreach (var l in network.Locations.Where(l => !locations.Contains(l.Code)))
            await sender.Send(new CreateLocation(l.Code, l.Name, Enum.Parse<LocationKind>(l.Kind, ignoreCase: true), l.Latitude, l.Longitude,
                l.TimeZone, l.PickupEnabled, l.ShipFromEnabled, l.OpeningHours), ct);
        foreach (var p in network.Products.Where(p => !products.Contains(p.Sku)))
            await sender.Send(new CreateProduct(p.Sku, p.Name, p.UnitPrice), ct);

        var newStock = network.Stock.Where(s => !stocked.Contains(s.LocationCode + "\n" + s.Sku)).ToList();
        foreach (var byLocation in newStock.Where(s => s.Quantity > 0).GroupBy(s => s.LocationCode))
            await sender.Send(new ReceiveStock(byLocation.Key, byLocation.Select(s => new QuantityLine(s.Sku, s.Quantity)).ToList(), "demo-seed"), ct);
        await unitOfWork.InTransactionAsync(async t =>
        {
            foreach (var s in newStock.Where(s => s.SafetyStock > 0))
                await ledger.SetSafetyStockAsync(new StockLineKey(s.LocationCode, s.Sku), s.SafetyStock, t);
            return 0;
        }, ct);

        logger.LogInformation("Demo network seeded: {Locations} new locations, {Products} new products, {Lines} new stock lines",
            network.Locations.Count(l => !locations.Contains(l.Code)), network.Products.Count(p => !products.Contains(p.Sku)), newStock.Count);
    }
}
