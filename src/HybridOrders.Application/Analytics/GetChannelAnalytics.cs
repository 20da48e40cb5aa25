using FluentValidation;
using HybridOrders.Application.Catalog;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Orders;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Analytics;

/// <summary>Channels compared over orders placed in [from, to) (default: the last 30 days).</summary>
public sealed record GetChannelAnalytics(Instant? From, Instant? To) : IQuery<ChannelAnalyticsResponse>;

/// <summary>
/// One channel's figures (channel "all" for the total). Orders that were cancelled or expired count as orders but not
/// as revenue. <c>revenue</c>: totals after discounts minus refunds; <c>averageOrderValue</c>: totals after discounts per
/// paid order; <c>pickupShare</c>: pickup orders / orders; <c>pickupCollectionRate</c>: collected / made ready (expired
/// count as not collected); <c>medianMinutesToReady</c>: placed to ready for pickup; <c>returnRate</c>: returned units /
/// sold units; <c>medianMinutesPlacedToShipped</c>: placed to shipped, over fulfilments shipped; <c>holdConversionRate</c>:
/// holds of the channel made in the window that were fulfilled / those that ended (fulfilled, released or expired).
/// A rate with nothing to divide by is null.
/// </summary>
public sealed record ChannelFigures(string Channel, int Orders, decimal Revenue, decimal AverageOrderValue, double? PickupShare,
    double? PickupCollectionRate, double? MedianMinutesToReady, double? ReturnRate, double? MedianMinutesPlacedToShipped = null,
    double? HoldConversionRate = null);

public sealed record ChannelAnalyticsResponse(Instant From, Instant To, string Currency, IReadOnlyList<ChannelFigures> Channels, ChannelFigures Total);

public sealed class GetChannelAnalyticsValidator : AbstractValidator<GetChannelAnalytics>
{
    public GetChannelAnalyticsValidator() =>
        RuleFor(x => x.To).GreaterThan(x => x.From).When(x => x.From is not null && x.To is not null).WithMessage("'to' must be after 'from'.");
}

public sealed class GetChannelAnalyticsHandler(IHybridOrdersDbContext db, IClock clock, ShopSettings shop)
    : IQueryHandler<GetChannelAnalytics, ChannelAnalyticsResponse>
{
    public async ValueTask<ChannelAnalyticsResponse> Handle(GetChannelAnalytics query, CancellationToken ct)
    {
        var (from, to) = AnalyticsWindow.Resolve(query.From, query.To, clock);
        var orders = db.Orders.AsNoTracking().Where(o => o.PlacedAt >= EF.Constant(from) && o.PlacedAt < EF.Constant(to));

        var sums = await orders.GroupBy(o => o.Channel).Select(g => new Sums(
            g.Key,
            g.Count(),
            g.Count(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Expired),
            g.Count(o => o.Mode == FulfilmentMode.Pickup),
            g.Sum(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Expired ? o.Total : 0m),
            g.Sum(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Expired ? o.RefundedAmount : 0m),
            g.Sum(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Expired ? o.Units : 0),
            g.Sum(o => o.ReturnedUnits))).ToListAsync(ct);

        var pickups = from f in db.Fulfilments.AsNoTracking()
                      join o in orders on f.OrderId equals o.Id
                      where f.Type != FulfilmentType.Delivery && f.ReadyAt != null
                      select new { o.Channel, f.Status, f.MinutesToReady };
        var readiness = await pickups.GroupBy(p => p.Channel)
            .Select(g => new { Channel = g.Key, Ready = g.Count(), Collected = g.Count(p => p.Status == FulfilmentStatus.Collected) })
            .ToListAsync(ct);

        var shipped = (await (from f in db.Fulfilments.AsNoTracking()
                              join o in orders on f.OrderId equals o.Id
                              where f.ShippedAt != null
                              select new { o.Channel, o.PlacedAt, f.ShippedAt }).ToListAsync(ct))
            .Select(x => (x.Channel, Minutes: Math.Floor((x.ShippedAt!.Value - x.PlacedAt).TotalMinutes))).ToList();
        var holds = await db.Reservations.AsNoTracking()
            .Where(r => r.CreatedAt >= EF.Constant(from) && r.CreatedAt < EF.Constant(to) && r.Status != Domain.Reservations.ReservationStatus.Active)
            .GroupBy(r => r.Channel)
            .Select(g => new { Channel = g.Key, Ended = g.Count(), Fulfilled = g.Count(r => r.Status == Domain.Reservations.ReservationStatus.Fulfilled) })
            .ToListAsync(ct);
        ChannelFigures WithShippingAndHolds(ChannelFigures f, Func<SalesChannel, bool> channel) => f with
        {
            MedianMinutesPlacedToShipped = GetStoreAnalyticsHandler.Median(shipped.Where(x => channel(x.Channel)).Select(x => x.Minutes)),
            HoldConversionRate = Rate(holds.Where(h => channel(h.Channel)).Sum(h => h.Fulfilled), holds.Where(h => channel(h.Channel)).Sum(h => h.Ended)),
        };

        var channels = new List<ChannelFigures>();
        foreach (var channel in Enum.GetValues<SalesChannel>())
        {
            var s = sums.FirstOrDefault(x => x.Channel == channel) ?? Sums.Empty(channel);
            var r = readiness.FirstOrDefault(x => x.Channel == channel);
            var median = await MedianAsync(pickups.Where(p => p.Channel == channel).Select(p => p.MinutesToReady!.Value), r?.Ready ?? 0, ct);
            channels.Add(WithShippingAndHolds(Figures(channel.ToSnakeCase(), s, r?.Ready ?? 0, r?.Collected ?? 0, median), c => c == channel));
        }
        var all = sums.Aggregate(Sums.Empty(default), (a, b) => a + b);
        var totalReady = readiness.Sum(r => r.Ready);
        var totalMedian = await MedianAsync(pickups.Select(p => p.MinutesToReady!.Value), totalReady, ct);
        return new ChannelAnalyticsResponse(from, to, shop.Currency, channels,
            WithShippingAndHolds(Figures("all", all, totalReady, readiness.Sum(r => r.Collected), totalMedian), _ => true));
    }

    private static ChannelFigures Figures(string channel, Sums s, int ready, int collected, double? median) => new(
        channel, s.Orders, s.Totals - s.Refunds, s.Paid == 0 ? 0m : Domain.Common.Money.Round(s.Totals / s.Paid),
        Rate(s.PickupOrders, s.Orders), Rate(collected, ready), median, Rate(s.ReturnedUnits, s.Units));

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    /// <summary>The median of n values, found by the database: sort, skip to the middle, take one or two.</summary>
    private static async Task<double?> MedianAsync(IQueryable<int> values, int count, CancellationToken ct)
    {
        if (count == 0) return null;
        var middle = await values.OrderBy(v => v).Skip((count - 1) / 2).Take(count % 2 == 1 ? 1 : 2).ToListAsync(ct);
        return middle.Count == 0 ? null : middle.Average();
    }

    private sealed record Sums(SalesChannel Channel, int Orders, int Paid, int PickupOrders, decimal Totals, decimal Refunds, int Units, int ReturnedUnits)
    {
        public static Sums Empty(SalesChannel channel) => new(channel, 0, 0, 0, 0m, 0m, 0, 0);

        public static Sums operator +(Sums a, Sums b) => new(a.Channel, a.Orders + b.Orders, a.Paid + b.Paid, a.PickupOrders + b.PickupOrders,
            a.Totals + b.Totals, a.Refunds + b.Refunds, a.Units + b.Units, a.ReturnedUnits + b.ReturnedUnits);
    }
}

/// <summary>
/// The period of an analytics read: the last 30 days unless asked. The analytics reads write its two ends into their SQL as
/// constants (<c>EF.Constant</c>), not as parameters: a period usually covers a large share of the orders, and a server
/// that plans a parameterised statement once for all values (PostgreSQL's generic plans, which the API's sessions use:
/// ADR 0017) guesses a handful of rows for a range between two unknown instants. Measured (bench/README.md, session 14,
/// ~40,000 orders): the channel figures 0.18 s with the period as parameters, 0.06 s with it planned for.
/// </summary>
public static class AnalyticsWindow
{
    public static (Instant From, Instant To) Resolve(Instant? from, Instant? to, IClock clock)
    {
        var end = to ?? clock.GetCurrentInstant();
        return (from ?? end - Duration.FromDays(30), end);
    }
}
