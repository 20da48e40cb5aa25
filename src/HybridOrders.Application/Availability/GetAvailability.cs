using HybridOrders.Application.Common;
using HybridOrders.Domain.Locations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Availability;

public sealed record GetAvailability(string Sku) : IQuery<AvailabilityResponse>;

public sealed record LocationAvailability(string LocationCode, LocationKind Kind, int OnHand, int Reserved, int SafetyStock, int Available);

/// <summary>The virtual stock of one SKU: what the whole network of active locations can promise, and each location's share.</summary>
public sealed record AvailabilityResponse(string Sku, long Available, IReadOnlyList<LocationAvailability> Locations);

public sealed class GetAvailabilityHandler(IHybridOrdersDbContext db, StockQueries stock) : IQueryHandler<GetAvailability, AvailabilityResponse>
{
    public async ValueTask<AvailabilityResponse> Handle(GetAvailability query, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Sku == query.Sku, ct)) throw new NotFoundException("Product", query.Sku);
        var locations = await stock.ByLocationAsync(query.Sku, ct);
        return new AvailabilityResponse(query.Sku, locations.Sum(l => (long)l.Available), locations);
    }
}
