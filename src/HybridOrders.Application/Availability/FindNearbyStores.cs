using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Locations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Availability;

/// <summary>Pickup stores near a point that can hand over <see cref="Quantity"/> units of a SKU, nearest first.</summary>
public sealed record FindNearbyStores(string Sku, double? Latitude, double? Longitude, int? Quantity, double? RadiusKm)
    : IQuery<IReadOnlyList<NearbyStore>>;

public sealed record NearbyStore(string LocationCode, string Name, double DistanceKm, int Available);

public sealed class FindNearbyStoresValidator : AbstractValidator<FindNearbyStores>
{
    public const double MaxRadiusKm = 20_000;

    public FindNearbyStoresValidator()
    {
        RuleFor(x => x.Latitude).NotNull().InclusiveBetween(-90, 90);
        RuleFor(x => x.Longitude).NotNull().InclusiveBetween(-180, 180);
        RuleFor(x => x.Quantity).InclusiveBetween(1, ValidationRules.MaxQuantity);
        RuleFor(x => x.RadiusKm).GreaterThan(0).LessThanOrEqualTo(MaxRadiusKm);
    }
}

public sealed class FindNearbyStoresHandler(IHybridOrdersDbContext db) : IQueryHandler<FindNearbyStores, IReadOnlyList<NearbyStore>>
{
    public async ValueTask<IReadOnlyList<NearbyStore>> Handle(FindNearbyStores query, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Sku == query.Sku, ct)) throw new NotFoundException("Product", query.Sku);
        var quantity = query.Quantity ?? 1;
        var radius = query.RadiusKm ?? 50;
        var origin = new GeoPoint(query.Latitude!.Value, query.Longitude!.Value);

        // The stock condition runs in SQL; the great-circle distance on the (few) stores that pass it.
        var stores = await (
                from s in db.StockLines.AsNoTracking()
                join l in db.Locations.AsNoTracking() on s.LocationCode equals l.Code
                where s.Sku == query.Sku && l.IsActive && l.PickupEnabled && l.Kind == LocationKind.Store
                      && s.OnHand - s.Reserved - s.SafetyStock >= quantity
                select new { l.Code, l.Name, l.Latitude, l.Longitude, Available = s.OnHand - s.Reserved - s.SafetyStock })
            .ToListAsync(ct);

        return stores
            .Select(s => new NearbyStore(s.Code, s.Name, Math.Round(origin.DistanceKmTo(new GeoPoint(s.Latitude, s.Longitude)), 3), s.Available))
            .Where(s => s.DistanceKm <= radius)
            .OrderBy(s => s.DistanceKm).ThenBy(s => s.LocationCode, StringComparer.Ordinal)
            .ToList();
    }
}
