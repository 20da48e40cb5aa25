using System.Linq.Expressions;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Locations;
using HybridOrders.Domain.Routing;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Availability;

/// <summary>
/// The read side of "who can promise what, where": every use case that asks it (availability, nearby stores, routing
/// candidates, pickup alternatives, network shortages) asks here. What a stock line can promise is
/// <see cref="StockLine.AvailableOf"/>; in SQL it is written in <see cref="Figures"/> and once more in the compiled ship-from
/// query (<see cref="ShipFrom"/>, ADR 0016). These are snapshots: the
/// stock ledger's conditional updates decide, these only choose where to ask.
/// </summary>
public sealed class StockQueries(IHybridOrdersDbContext db)
{
    /// <summary>A stock line with its location and what it can promise (on-hand − reserved − safety stock, may be negative).</summary>
    private sealed class Figure
    {
        public required StockLine Line { get; init; }
        public required Location Location { get; init; }
        public required int Available { get; init; }
    }

    /// <summary>Stock lines of active locations, with their available figure (the one SQL spelling of the formula).</summary>
    private IQueryable<Figure> Figures() =>
        from s in db.StockLines.AsNoTracking()
        join l in db.Locations.AsNoTracking() on s.LocationCode equals l.Code
        where l.IsActive
        select new Figure { Line = s, Location = l, Available = s.OnHand - s.Reserved - s.SafetyStock };

    /// <summary>Every active location's figures for one SKU, by location code.</summary>
    public async Task<IReadOnlyList<LocationAvailability>> ByLocationAsync(string sku, CancellationToken ct) =>
        (await Figures().Where(f => f.Line.Sku == sku).OrderBy(f => f.Line.LocationCode)
            .Select(f => new { f.Line.LocationCode, f.Location.Kind, f.Line.OnHand, f.Line.Reserved, f.Line.SafetyStock })
            .ToListAsync(ct))
        .Select(r => new LocationAvailability(r.LocationCode, r.Kind, r.OnHand, r.Reserved, r.SafetyStock,
            StockLine.AvailableOf(r.OnHand, r.Reserved, r.SafetyStock)))
        .ToList();

    /// <summary>Active locations passing <paramref name="where"/> that can promise any of the wanted SKUs, with what they can
    /// promise of each: one query for the locations and their figures.</summary>
    public async Task<IReadOnlyList<RoutingCandidate>> CandidatesAsync(IReadOnlyCollection<StockQuantity> wanted,
        Expression<Func<Location, bool>> where, CancellationToken ct)
    {
        var skus = wanted.Select(l => l.Sku).Distinct().ToList();
        var rows = await Figures().Where(Locations(where)).Where(f => skus.Contains(f.Line.Sku) && f.Available > 0)
            .Select(f => new CandidateRow(f.Line.LocationCode, f.Location.Latitude, f.Location.Longitude, f.Line.Sku, f.Available, f.Location.DailyCapacity, f.Location.TimeZoneId))
            .ToListAsync(ct);
        return Group(rows).Candidates;
    }

    /// <summary>The ship-from network's candidates for the wanted SKUs, except the locations named (a rejecting origin, the
    /// pickup store a transfer goes to), with each candidate's daily capacity (only those that have one) and time zone,
    /// read in the same query. Every routed order asks this: the query is compiled once.</summary>
    public async Task<ShipCandidates> ShipFromCandidatesAsync(IReadOnlyCollection<StockQuantity> wanted, IReadOnlyCollection<string> except,
        CancellationToken ct)
    {
        var (query, context) = ShipFrom.For(db);
        var rows = await query(context, wanted.Select(l => l.Sku).Distinct().ToList(), except.ToList()).ToListAsync(ct);
        return Group(rows);
    }

    /// <summary>A stock line that can promise something, with what routing needs of its location.</summary>
    private sealed record CandidateRow(string LocationCode, double Latitude, double Longitude, string Sku, int Available, int? DailyCapacity, string TimeZoneId);

    /// <summary><see cref="Figures"/> of the ship-from network, spelled out for compilation (a compiled query cannot call it).</summary>
    private static readonly PerModelQuery<Func<DbContext, List<string>, List<string>, IAsyncEnumerable<CandidateRow>>> ShipFrom = new(() =>
        EF.CompileAsyncQuery((DbContext c, List<string> skus, List<string> except) =>
            from s in c.Set<StockLine>()
            join l in c.Set<Location>() on s.LocationCode equals l.Code
            where l.IsActive && l.ShipFromEnabled && !except.Contains(l.Code)
                && skus.Contains(s.Sku) && s.OnHand - s.Reserved - s.SafetyStock > 0
            select new CandidateRow(s.LocationCode, l.Latitude, l.Longitude, s.Sku, s.OnHand - s.Reserved - s.SafetyStock, l.DailyCapacity, l.TimeZoneId)));

    private static ShipCandidates Group(List<CandidateRow> rows)
    {
        var byLocation = rows.GroupBy(r => r.LocationCode, StringComparer.Ordinal).ToList();
        return new ShipCandidates(
            byLocation.Select(g => new RoutingCandidate(g.Key, new GeoPoint(g.First().Latitude, g.First().Longitude),
                g.ToDictionary(r => r.Sku, r => r.Available, StringComparer.Ordinal))).ToList(),
            byLocation.Where(g => g.First().DailyCapacity is not null)
                .ToDictionary(g => g.Key, g => new DailyLimit(g.First().DailyCapacity!.Value, g.First().TimeZoneId), StringComparer.Ordinal));
    }

    /// <summary>Fulfilments already taken on today (each location's own day) by the given locations; missing: none yet.</summary>
    public async Task<IReadOnlyDictionary<string, int>> UsedTodayAsync(IReadOnlyDictionary<string, NodaTime.LocalDate> days, CancellationToken ct)
    {
        if (days.Count == 0) return new Dictionary<string, int>();
        var codes = days.Keys.ToList();
        var keys = days.Values.Select(CapacityDay.Key).Distinct().ToList();
        var rows = await db.CapacityDays.AsNoTracking().Where(c => codes.Contains(c.LocationCode) && keys.Contains(c.Day))
            .Select(c => new { c.LocationCode, c.Day, c.Used }).ToListAsync(ct);
        return rows.Where(r => CapacityDay.Key(days[r.LocationCode]) == r.Day).ToDictionary(r => r.LocationCode, r => r.Used, StringComparer.Ordinal);
    }

    /// <summary>What one location can promise of the wanted SKUs now (only SKUs with something available).</summary>
    public async Task<IReadOnlyDictionary<string, int>> AtAsync(string locationCode, IReadOnlyCollection<StockQuantity> wanted, CancellationToken ct) =>
        (await CandidatesAsync(wanted, l => l.Code == locationCode, ct)).FirstOrDefault()?.Available
        ?? new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The refusal for an order the whole ship-from network cannot serve: per short SKU, what it has in all.</summary>
    public async Task<InsufficientStockException> NetworkShortageAsync(IReadOnlyList<StockQuantity> wanted, CancellationToken ct)
    {
        var skus = wanted.Select(l => l.Sku).ToList();
        var totals = await Figures().Where(f => f.Location.ShipFromEnabled && skus.Contains(f.Line.Sku) && f.Available > 0)
            .GroupBy(f => f.Line.Sku).Select(g => new { Sku = g.Key, Available = g.Sum(f => f.Available) })
            .ToDictionaryAsync(x => x.Sku, x => x.Available, ct);
        var shortages = wanted.Where(l => totals.GetValueOrDefault(l.Sku) < l.Quantity)
            .Select(l => new StockShortage(l.Sku, l.Quantity, totals.GetValueOrDefault(l.Sku))).ToList();
        return new InsufficientStockException(shortages, "Not enough stock in the whole network: " +
            string.Join(", ", shortages.Select(s => $"{s.Sku} requested {s.Requested}, available {s.Available}")) + ".");
    }

    /// <summary>Other pickup stores within <paramref name="radiusKm"/> of <paramref name="store"/> that have the whole order, nearest first (at most five).</summary>
    public async Task<IReadOnlyList<PickupAlternative>> PickupAlternativesAsync(Location store, IReadOnlyList<StockQuantity> wanted, double radiusKm,
        CancellationToken ct)
    {
        var candidates = await CandidatesAsync(wanted, l => l.PickupEnabled && l.Kind == LocationKind.Store && l.Code != store.Code, ct);
        var codes = candidates.Where(c => wanted.All(l => c.Available.GetValueOrDefault(l.Sku) >= l.Quantity)).Select(c => c.LocationCode).ToList();
        var names = await db.Locations.AsNoTracking().Where(l => codes.Contains(l.Code)).ToDictionaryAsync(l => l.Code, l => l.Name, ct);
        return candidates.Where(c => names.ContainsKey(c.LocationCode))
            .Select(c => new PickupAlternative(c.LocationCode, names[c.LocationCode], Math.Round(store.Position.DistanceKmTo(c.Position), 3)))
            .Where(a => a.DistanceKm <= radiusKm)
            .OrderBy(a => a.DistanceKm).ThenBy(a => a.LocationCode, StringComparer.Ordinal).Take(5).ToList();
    }

    /// <summary>Pickup stores within <paramref name="radiusKm"/> of <paramref name="origin"/> that can hand over <paramref name="quantity"/>
    /// units of <paramref name="sku"/>, nearest first. The stock condition runs in SQL; the great-circle distance on the few that pass.</summary>
    public async Task<IReadOnlyList<NearbyStore>> NearbyStoresAsync(string sku, GeoPoint origin, int quantity, double radiusKm, CancellationToken ct)
    {
        var stores = await Figures()
            .Where(f => f.Line.Sku == sku && f.Location.PickupEnabled && f.Location.Kind == LocationKind.Store && f.Available >= quantity)
            .Select(f => new { f.Location.Code, f.Location.Name, f.Location.Latitude, f.Location.Longitude, f.Available })
            .ToListAsync(ct);
        return stores
            .Select(s => new NearbyStore(s.Code, s.Name, Math.Round(origin.DistanceKmTo(new GeoPoint(s.Latitude, s.Longitude)), 3), s.Available))
            .Where(s => s.DistanceKm <= radiusKm)
            .OrderBy(s => s.DistanceKm).ThenBy(s => s.LocationCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Lifts a condition on locations to the figures.</summary>
    private static Expression<Func<Figure, bool>> Locations(Expression<Func<Location, bool>> where)
    {
        var figure = Expression.Parameter(typeof(Figure), "f");
        var body = new ReplaceParameter(where.Parameters[0], Expression.Property(figure, nameof(Figure.Location))).Visit(where.Body);
        return Expression.Lambda<Func<Figure, bool>>(body, figure);
    }

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>Routing candidates, and the daily capacity of those that have one.</summary>
public sealed record ShipCandidates(IReadOnlyList<RoutingCandidate> Candidates, IReadOnlyDictionary<string, DailyLimit> Limited);

/// <summary>A location's daily capacity and the zone its days are counted in.</summary>
public sealed record DailyLimit(int Capacity, string TimeZoneId);

/// <summary>A nearby store that has everything an order asks for.</summary>
public sealed record PickupAlternative(string LocationCode, string Name, double DistanceKm);
