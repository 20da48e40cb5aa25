using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Locations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Availability;

/// <summary>Availability of many SKUs at once, for a category or search page: per SKU the network figure, what can be
/// shipped, and (given a point) the nearest pickup store within the radius that has at least one.</summary>
public sealed record QueryAvailability(IReadOnlyList<string?>? Skus, double? Latitude, double? Longitude, double? RadiusKm)
    : IQuery<AvailabilityQueryResponse>;

public sealed record AvailabilityQueryResponse(IReadOnlyList<SkuAvailability> Items);

/// <summary>One SKU: <c>available</c> as in GET /availability/{sku}; <c>availableToShip</c> over ship-from locations;
/// <c>known: false</c> for a SKU not in the catalogue (then everything is 0 and no pickup).</summary>
public sealed record SkuAvailability(string Sku, bool Known, long Available, long AvailableToShip, NearbyStore? NearestPickup);

public sealed class QueryAvailabilityValidator : AbstractValidator<QueryAvailability>
{
    public const int MaxSkus = 200;

    public QueryAvailabilityValidator()
    {
        RuleFor(x => x.Skus).NotEmpty().Must(s => s is null || s.Count <= MaxSkus).WithMessage($"At most {MaxSkus} SKUs are allowed.");
        RuleForEach(x => x.Skus).IsCode();
        RuleFor(x => x.Latitude).NotNull().When(x => x.Longitude is not null).WithMessage("'Latitude' is needed with 'longitude'.")
            .InclusiveBetween(-90, 90);
        RuleFor(x => x.Longitude).NotNull().When(x => x.Latitude is not null).WithMessage("'Longitude' is needed with 'latitude'.")
            .InclusiveBetween(-180, 180);
        RuleFor(x => x.RadiusKm).GreaterThan(0).LessThanOrEqualTo(FindNearbyStoresValidator.MaxRadiusKm);
    }
}

public sealed class QueryAvailabilityHandler(IHybridOrdersDbContext db, ICurrentUser user)
    : IQueryHandler<QueryAvailability, AvailabilityQueryResponse>
{
    public async ValueTask<AvailabilityQueryResponse> Handle(QueryAvailability query, CancellationToken ct)
    {
        var skus = query.Skus!.Select(s => s!).Distinct(StringComparer.Ordinal).ToList();
        // A POS terminal sees its own location's stock only.
        var only = user.Role == ApiRole.Pos ? user.LocationCode : null;

        // One query for every SKU: each active location's stock line of the SKUs that has anything to promise (one index scan
        // for all of them, the locations hashed once) and, UNION ALL, their catalogue rows, so that unknown SKUs are told apart
        // (a stock line always has its product). The figures are summed and the nearest pickup store picked here. (Before, the
        // catalogue rows were left-joined to the stock lines: a nested loop of one index scan per SKU and one location probe
        // per stock line, 2.5 ms of PostgreSQL for 50 SKUs; and the plan depended on fresh statistics.)
        var stock =
            from s in db.StockLines.AsNoTracking()
            join l in db.Locations.AsNoTracking() on s.LocationCode equals l.Code
            where skus.Contains(s.Sku) && l.IsActive && (only == null || l.Code == only) && s.OnHand - s.Reserved - s.SafetyStock > 0
            select new
            {
                s.Sku, OnHand = (int?)s.OnHand, Reserved = (int?)s.Reserved, SafetyStock = (int?)s.SafetyStock, Code = (string?)l.Code, l.Name,
                Latitude = (double?)l.Latitude, Longitude = (double?)l.Longitude, ShipFrom = (bool?)l.ShipFromEnabled,
                Pickup = (bool?)(l.PickupEnabled && l.Kind == LocationKind.Store),
            };
        var catalogue = db.Products.AsNoTracking().Where(p => skus.Contains(p.Sku)).Select(p => new
        {
            p.Sku, OnHand = (int?)null, Reserved = (int?)null, SafetyStock = (int?)null, Code = (string?)null, Name = (string)null!,
            Latitude = (double?)null, Longitude = (double?)null, ShipFrom = (bool?)null, Pickup = (bool?)null,
        });
        var rows = await stock.Concat(catalogue).ToListAsync(ct);

        GeoPoint? point = query.Latitude is { } lat && query.Longitude is { } lon ? new GeoPoint(lat, lon) : null;
        var radius = query.RadiusKm ?? 50;
        var found = new Dictionary<string, (long Available, long ToShip, NearbyStore? Nearest)>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var (available, toShip, nearest) = found.GetValueOrDefault(r.Sku);
            if (r.Code is not null) // else: the catalogue row (the SKU is known)
            {
                var here = StockLine.AvailableOf(r.OnHand!.Value, r.Reserved!.Value, r.SafetyStock!.Value);
                available += here;
                if (r.ShipFrom == true) toShip += here;
                if (point is { } origin && r.Pickup == true && here > 0)
                {
                    var km = Math.Round(origin.DistanceKmTo(new GeoPoint(r.Latitude!.Value, r.Longitude!.Value)), 3);
                    if (km <= radius && (nearest is null || km < nearest.DistanceKm
                                         || (km == nearest.DistanceKm && string.CompareOrdinal(r.Code, nearest.LocationCode) < 0)))
                        nearest = new NearbyStore(r.Code, r.Name!, km, here);
                }
            }
            found[r.Sku] = (available, toShip, nearest);
        }

        return new AvailabilityQueryResponse(skus.Select(sku => found.TryGetValue(sku, out var f)
            ? new SkuAvailability(sku, true, f.Available, f.ToShip, f.Nearest)
            : new SkuAvailability(sku, false, 0, 0, null)).ToList());
    }
}
