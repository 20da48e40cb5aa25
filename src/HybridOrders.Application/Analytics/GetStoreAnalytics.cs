using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Reservations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Analytics;

/// <summary>Per-location KPIs over [from, to) (default: the last 30 days).</summary>
public sealed record GetStoreAnalytics(Instant? From, Instant? To) : IQuery<StoreAnalyticsResponse>;

/// <summary>The target the share of pickups ready in time is measured against (<c>Analytics:ReadyTargetMinutes</c>).</summary>
public sealed record AnalyticsSettings(int ReadyTargetMinutes = 120);

/// <summary>
/// One location's figures. Over orders placed in the window: <c>fulfilments</c> it was the origin of; <c>pickups</c> to be
/// collected there (pickup or transfer), of which <c>collected</c> and <c>expired</c>; <c>rejected</c> fulfilments it
/// turned down; <c>medianMinutesPlacedToReady</c> and <c>shareReadyWithinTarget</c> over its pickups that became ready;
/// <c>medianMinutesPlacedToShipped</c> over what it shipped. Over the window itself: <c>returnsAccepted</c> at the location
/// and <c>tillSales</c> (holds paid at its till). A median or share with nothing to measure is null.
/// </summary>
public sealed record StoreFigures(string LocationCode, string Name, int Fulfilments, int Pickups, int Collected, int Expired, int Rejected,
    double? MedianMinutesPlacedToReady, double? ShareReadyWithinTarget, double? MedianMinutesPlacedToShipped, int ReturnsAccepted, int TillSales);

public sealed record StoreAnalyticsResponse(Instant From, Instant To, int ReadyTargetMinutes, IReadOnlyList<StoreFigures> Locations);

public sealed class GetStoreAnalyticsValidator : AbstractValidator<GetStoreAnalytics>
{
    public GetStoreAnalyticsValidator() =>
        RuleFor(x => x.To).GreaterThan(x => x.From).When(x => x.From is not null && x.To is not null).WithMessage("'to' must be after 'from'.");
}

public sealed class GetStoreAnalyticsHandler(IHybridOrdersDbContext db, IClock clock, AnalyticsSettings settings)
    : IQueryHandler<GetStoreAnalytics, StoreAnalyticsResponse>
{
    public async ValueTask<StoreAnalyticsResponse> Handle(GetStoreAnalytics query, CancellationToken ct)
    {
        var (start, end) = AnalyticsWindow.Resolve(query.From, query.To, clock);
        var fulfilments = from f in db.Fulfilments.AsNoTracking()
                          join o in db.Orders.AsNoTracking() on f.OrderId equals o.Id
                          where o.PlacedAt >= EF.Constant(start) && o.PlacedAt < EF.Constant(end)
                          select new { f.OriginLocationCode, f.DestinationLocationCode, f.Type, f.Status, f.MinutesToReady, f.ShippedAt, o.PlacedAt };

        // A till sale (a carry-out sale or a hold paid at the till) is an in_store order: counted as a till sale, not as work.
        var tillSales = await fulfilments.Where(f => f.Type == FulfilmentType.InStore).GroupBy(f => f.OriginLocationCode)
            .Select(g => new { Code = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Code, x => x.Count, ct);
        fulfilments = fulfilments.Where(f => f.Type != FulfilmentType.InStore);

        var byOrigin = await fulfilments.GroupBy(f => f.OriginLocationCode)
            .Select(g => new { Code = g.Key, Fulfilments = g.Count(), Rejected = g.Count(f => f.Status == FulfilmentStatus.Rejected) })
            .ToDictionaryAsync(x => x.Code, ct);
        var pickups = fulfilments.Where(f => f.Type != FulfilmentType.Delivery && f.DestinationLocationCode != null);
        var byPickupStore = await pickups.GroupBy(f => f.DestinationLocationCode!)
            .Select(g => new
            {
                Code = g.Key,
                Pickups = g.Count(),
                Collected = g.Count(f => f.Status == FulfilmentStatus.Collected),
                Expired = g.Count(f => f.Status == FulfilmentStatus.Expired),
                Ready = g.Count(f => f.MinutesToReady != null),
                InTime = g.Count(f => f.MinutesToReady != null && f.MinutesToReady <= settings.ReadyTargetMinutes),
            })
            .ToDictionaryAsync(x => x.Code, ct);
        // Medians are not an aggregate every provider has: read the minutes (one small column) and take them here.
        var readyMinutes = (await pickups.Where(f => f.MinutesToReady != null).Select(f => new { Code = f.DestinationLocationCode!, Minutes = f.MinutesToReady!.Value })
                .ToListAsync(ct))
            .ToLookup(x => x.Code, x => (double)x.Minutes);
        var shipped = (await fulfilments.Where(f => f.ShippedAt != null).Select(f => new { f.OriginLocationCode, f.PlacedAt, f.ShippedAt }).ToListAsync(ct))
            .ToLookup(x => x.OriginLocationCode, x => Math.Floor((x.ShippedAt!.Value - x.PlacedAt).TotalMinutes));
        var returns = await db.Returns.AsNoTracking().Where(r => r.CreatedAt >= EF.Constant(start) && r.CreatedAt < EF.Constant(end))
            .GroupBy(r => r.LocationCode).Select(g => new { Code = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Code, x => x.Count, ct);

        var locations = await db.Locations.AsNoTracking().OrderBy(l => l.Code).Select(l => new { l.Code, l.Name }).ToListAsync(ct);
        var figures = locations.Select(l =>
        {
            var p = byPickupStore.GetValueOrDefault(l.Code);
            return new StoreFigures(l.Code, l.Name, byOrigin.GetValueOrDefault(l.Code)?.Fulfilments ?? 0,
                p?.Pickups ?? 0, p?.Collected ?? 0, p?.Expired ?? 0, byOrigin.GetValueOrDefault(l.Code)?.Rejected ?? 0,
                Median(readyMinutes[l.Code]), p is null || p.Ready == 0 ? null : Math.Round((double)p.InTime / p.Ready, 4),
                Median(shipped[l.Code]), returns.GetValueOrDefault(l.Code), tillSales.GetValueOrDefault(l.Code));
        }).ToList();
        return new StoreAnalyticsResponse(start, end, settings.ReadyTargetMinutes, figures);
    }

    /// <summary>The middle value, or the mean of the two middle values; null for none.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
