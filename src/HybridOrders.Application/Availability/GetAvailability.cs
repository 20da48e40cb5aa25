using HybridOrders.Application.Common;
using HybridOrders.Domain.Locations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Availability;

public sealed record GetAvailability(string Sku) : IQuery<AvailabilityResponse>;

public sealed record LocationAvailability(string LocationCode, LocationKind Kind, int OnHand, int Reserved, int SafetyStock, int Available);

/// <summary>The virtual stock of one SKU: what the whole network of active locations can promise, and each location's share.</summary>
public sealed record AvailabilityResponse(string Sku, long Available, IReadOnlyList<LocationAvailability> Locations);

public sealed class GetAvailabilityHandler(IHybridOrdersDbContext db) : IQueryHandler<GetAvailability, AvailabilityResponse>
{
    public async ValueTask<AvailabilityResponse> Handle(GetAvailability query, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Sku == query.Sku, ct)) throw new NotFoundException("Product", query.Sku);

        var rows = await (
                from s in db.StockLines.AsNoTracking()
                join l in db.Locations.AsNoTracking() on s.LocationCode equals l.Code
                where s.Sku == query.Sku && l.IsActive
                orderby s.LocationCode
                select new { s.LocationCode, l.Kind, s.OnHand, s.Reserved, s.SafetyStock })
            .ToListAsync(ct);
        var locations = rows.Select(r => new LocationAvailability(r.LocationCode, r.Kind, r.OnHand, r.Reserved, r.SafetyStock,
            Domain.Inventory.StockLine.AvailableOf(r.OnHand, r.Reserved, r.SafetyStock))).ToList();
        return new AvailabilityResponse(query.Sku, locations.Sum(l => (long)l.Available), locations);
    }
}
