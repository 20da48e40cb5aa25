using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
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

public sealed class FindNearbyStoresHandler(IHybridOrdersDbContext db, StockQueries stock) : IQueryHandler<FindNearbyStores, IReadOnlyList<NearbyStore>>
{
    public async ValueTask<IReadOnlyList<NearbyStore>> Handle(FindNearbyStores query, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Sku == query.Sku, ct)) throw new NotFoundException("Product", query.Sku);
        return await stock.NearbyStoresAsync(query.Sku, new GeoPoint(query.Latitude!.Value, query.Longitude!.Value), query.Quantity ?? 1,
            query.RadiusKm ?? 50, ct);
    }
}
