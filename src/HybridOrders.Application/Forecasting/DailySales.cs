using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Forecasting;

/// <summary>One SKU's daily sales, oldest first, one value for every day from the first day with a record to the last
/// complete day (days without sales are zeros).</summary>
public sealed record SalesSeries(LocalDate? From, LocalDate LastDay, IReadOnlyList<double> Quantities)
{
    public LocalDate NextDay => LastDay.PlusDays(1);

    public IEnumerable<(LocalDate Date, double Quantity)> Days() =>
        From is { } from ? Quantities.Select((q, i) => (from.PlusDays(i), q)) : [];
}

/// <summary>
/// Reads daily sales of a SKU (at a location or over the network; in one channel or all) from both sources: imported
/// history (<c>SalesHistory</c>, one row per date, location, SKU and channel) and the service's own orders (every
/// fulfilment that was collected or delivered counts at its origin location, on the origin's local date of the order's
/// placement, in the order's channel). Till sales are orders too, so they count the same way.
/// </summary>
public static class DailySales
{
    /// <summary>At most three years are read: older sales say little about next month and would only cost time.</summary>
    public const int MaxHistoryDays = 3 * 365;

    public static async Task<SalesSeries> ReadAsync(IHybridOrdersDbContext db, IDateTimeZoneProvider zones, Instant now,
        string sku, string? locationCode, SalesChannel? channel, CancellationToken ct)
    {
        // The last complete day: yesterday at the location, or in UTC for the network.
        var zone = locationCode is null ? DateTimeZone.Utc
            : zones.GetZoneOrNull(await db.Locations.AsNoTracking().Where(l => l.Code == locationCode).Select(l => l.TimeZoneId).SingleAsync(ct))
              ?? DateTimeZone.Utc;
        var lastDay = now.InZone(zone).Date.PlusDays(-1);
        var earliest = lastDay.PlusDays(-(MaxHistoryDays - 1));

        // The two dates are written into the SQL as constants (they change once a day), the SKU and location stay parameters:
        // a server that plans a parameterised statement once for all values (PostgreSQL's generic plan, which the API's
        // sessions use: ADR 0017) cannot tell how much of the table a range of two unknown dates covers, and guessed a
        // handful of rows for the network's year of daily sales (73,000 at 200 locations): a sort spilled to disk instead of
        // one hash of the dates, 49 ms against 18 ms per read.
        var imported = db.ImportedSales.AsNoTracking().Where(s => s.Sku == sku && s.Date >= EF.Constant(earliest) && s.Date <= EF.Constant(lastDay));
        if (locationCode is not null) imported = imported.Where(s => s.LocationCode == locationCode);
        if (channel is { } c) imported = imported.Where(s => s.Channel == c);
        var byDate = (await imported.GroupBy(s => s.Date).Select(g => new { Date = g.Key, Quantity = g.Sum(s => (long)s.Quantity) }).ToListAsync(ct))
            .ToDictionary(r => r.Date, r => (double)r.Quantity);

        foreach (var (date, quantity) in await OwnSalesAsync(db, zones, sku, locationCode, channel, earliest.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() - Duration.FromDays(1), ct))
            if (date >= earliest && date <= lastDay) byDate[date] = byDate.GetValueOrDefault(date) + quantity;

        if (byDate.Count == 0) return new SalesSeries(null, lastDay, []);
        var from = byDate.Keys.Min();
        var days = Period.Between(from, lastDay, PeriodUnits.Days).Days + 1;
        var series = new double[days];
        foreach (var (date, quantity) in byDate) series[Period.Between(from, date, PeriodUnits.Days).Days] = quantity;
        return new SalesSeries(from, lastDay, series);
    }

    private static async Task<IEnumerable<(LocalDate Date, double Quantity)>> OwnSalesAsync(IHybridOrdersDbContext db, IDateTimeZoneProvider zones,
        string sku, string? locationCode, SalesChannel? channel, Instant since, CancellationToken ct)
    {
        var fulfilments = db.Fulfilments.AsNoTracking().Where(f => f.CollectedAt != null || f.DeliveredAt != null);
        if (locationCode is not null) fulfilments = fulfilments.Where(f => f.OriginLocationCode == locationCode);
        var orders = db.Orders.AsNoTracking().Where(o => o.PlacedAt >= since);
        if (channel is { } c) orders = orders.Where(o => o.Channel == c);
        var rows = await (
                from f in fulfilments
                join o in orders on f.OrderId equals o.Id
                from l in f.Lines
                where l.Sku == sku
                select new { f.OriginLocationCode, o.PlacedAt, l.Quantity })
            .ToListAsync(ct);
        if (rows.Count == 0) return [];

        var origins = rows.Select(r => r.OriginLocationCode).Distinct().ToList();
        var zoneOf = (await db.Locations.AsNoTracking().Where(l => origins.Contains(l.Code)).Select(l => new { l.Code, l.TimeZoneId }).ToListAsync(ct))
            .ToDictionary(l => l.Code, l => zones.GetZoneOrNull(l.TimeZoneId) ?? DateTimeZone.Utc, StringComparer.Ordinal);
        return rows.GroupBy(r => r.PlacedAt.InZone(zoneOf[r.OriginLocationCode]).Date)
            .Select(g => (g.Key, (double)g.Sum(r => r.Quantity)));
    }
}
