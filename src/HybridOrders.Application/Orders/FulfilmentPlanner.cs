using HybridOrders.Application.Availability;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Locations;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Orders;

/// <summary>
/// Where an order is routed: turns the fulfilment a customer asked for into the order's fulfilments, with their stock held.
/// Pickup: the store's own stock, else (with <c>allowTransfer</c>) what it has plus transfers from the nearest locations that
/// have the rest. Delivery: the nearest ship-from location with everything, else as few locations as possible
/// (<see cref="Router"/>, ADR 0006). Every plan is held with one all-or-nothing ledger call (all its locations in the global
/// lock order); when a concurrent order took stock the plan counted on, it routes again on fresh figures.
/// Store capacity: a location that has taken on its <c>dailyCapacity</c> of delivery and transfer fulfilments today (its own
/// day) is skipped (reason <c>at_capacity</c>); the slot is taken in the same all-or-nothing call as the stock, so racing orders
/// never exceed it. A customer's chosen pickup store is never skipped for its own pickup.
/// </summary>
public sealed class FulfilmentPlanner(IHybridOrdersDbContext db, IStockLedger ledger, StockQueries stock, ICurrentUser user, FulfilmentSettings settings)
{
    private const string PickupAtStore = "pickup_at_store";
    public const string RerouteAfterRejection = "reroute_after_rejection";

    public Task PlanAsync(Order order, FulfilmentRequest request, Instant now, CancellationToken ct) => request.Type switch
    {
        FulfilmentMode.Pickup => PlanPickupAsync(order, request, now, ct),
        FulfilmentMode.InStore => SellAtTillAsync(order, request.LocationCode!, now, ct),
        _ => PlanDeliveryAsync(order, request.Address!, now, ct),
    };

    /// <summary>A carry-out sale at a store's till (its POS, or admin): the goods leave the shelf now (ledger <c>sale</c>), nothing is
    /// routed. Not enough available there: 409 <c>insufficient_stock</c> with the shortages and nearby stores that have it all.</summary>
    public async Task SellAtTillAsync(Order order, string storeCode, Instant now, CancellationToken ct)
    {
        if (user.Role is { } role && role is not (ApiRole.Pos or ApiRole.Admin))
            throw new ForbiddenAccessException("Only a POS terminal of the store (or an admin) can sell at its till.");
        var store = await db.RequireLocationAsync(storeCode, ct);
        user.EnsureCanActAt(store.Code);
        if (!store.IsActive || store.Kind != LocationKind.Store)
            throw new DomainException("in_store_not_available", $"Location '{store.Code}' has no till to sell at.", RefusalKind.Unprocessable);

        var wanted = order.Quantities;
        var sold = await ledger.TryApplyAsync(new StockMoves().SellFromShelf(store.Code, wanted, order.StockReference), ct);
        if (!sold.IsApplied)
        {
            var alternatives = await stock.PickupAlternativesAsync(store, wanted, settings.AlternativesRadiusKm, ct);
            throw new PickupShortageException(sold.Shortages.Select(s => new StockShortage(s.Sku, s.Requested, s.Available)).ToList(), alternatives, store.Code);
        }
        order.AddInStoreSale(Guid.CreateVersion7(), new FulfilmentSite(store.Code, store.Position, store.TimeZoneId), wanted, now);
    }

    /// <summary>A hold paid at the till becomes its order: the held units are sold (the caller moves them), nothing is routed.</summary>
    public async Task RecordTillSaleAsync(Order order, string storeCode, Instant now, CancellationToken ct)
    {
        var store = await db.RequireLocationAsync(storeCode, ct);
        order.AddInStoreSale(Guid.CreateVersion7(), new FulfilmentSite(store.Code, store.Position, store.TimeZoneId), order.Quantities, now);
    }

    private async Task PlanPickupAsync(Order order, FulfilmentRequest request, Instant now, CancellationToken ct)
    {
        var wanted = order.Quantities;
        var store = await db.RequireLocationAsync(request.LocationCode!, ct);
        if (user.Role == ApiRole.Pos) user.EnsureCanActAt(store.Code);
        if (!store.IsActive || !store.PickupEnabled || store.Kind != LocationKind.Store)
            throw new DomainException("pickup_not_available", $"Location '{store.Code}' does not offer pickup.", RefusalKind.Unprocessable);
        var site = new FulfilmentSite(store.Code, store.Position, store.TimeZoneId);

        var atStore = await ledger.TryReserveAsync([new StockAllocation(store.Code, wanted)], order.StockReference, ct);
        if (atStore.Count == 0)
        {
            order.AddPickup(Guid.CreateVersion7(), site, wanted,
                new RoutingDecision(PickupAtStore, [new CandidateDecision(store.Code, 0, true, true, "the customer's pickup store has everything")]), now);
            return;
        }

        if (request.AllowTransfer != true)
        {
            var alternatives = await stock.PickupAlternativesAsync(store, wanted, settings.AlternativesRadiusKm, ct);
            throw new PickupShortageException(atStore.Select(s => new StockShortage(s.Sku, s.Requested, s.Available)).ToList(), alternatives, store.Code);
        }

        // Keep at the store what it has; bring the rest from the nearest locations that have it.
        for (var attempt = 0; attempt < settings.MaxRoutingAttempts; attempt++)
        {
            var available = await stock.AtAsync(store.Code, wanted, ct);
            var local = wanted.Select(l => new StockQuantity(l.Sku, Math.Min(l.Quantity, available.GetValueOrDefault(l.Sku)))).Where(l => l.Quantity > 0).ToList();
            var missing = wanted.Select(l => new StockQuantity(l.Sku, l.Quantity - available.GetValueOrDefault(l.Sku))).Where(l => l.Quantity > 0).ToList();
            var route = await RouteAsync(missing, store.Position, [store.Code], order.StockReference, now, ct);
            if (local.Count > 0) route.Moves.Reserve(store.Code, local, order.StockReference);
            if (!(await ledger.TryApplyAsync(route.Moves, ct)).IsApplied) continue; // overtaken: route again

            if (local.Count > 0)
                order.AddPickup(Guid.CreateVersion7(), site, local,
                    new RoutingDecision(PickupAtStore, [new CandidateDecision(store.Code, 0, false, true, "the pickup store keeps what it has")]), now);
            foreach (var a in route.Plan.Allocations) order.AddTransfer(Guid.CreateVersion7(), a.LocationCode, site, a.DistanceKm, a.Lines, route.Decision, now);
            return;
        }
        throw StockKeptMoving();
    }

    private async Task PlanDeliveryAsync(Order order, AddressDto address, Instant now, CancellationToken ct)
    {
        var wanted = order.Quantities;
        var destination = new GeoPoint(address.Latitude!.Value, address.Longitude!.Value);
        var domainAddress = new Address(address.Line1!.Trim(), address.City!.Trim(), address.PostalCode!.Trim(), address.Country!.ToUpperInvariant());
        for (var attempt = 0; attempt < settings.MaxRoutingAttempts; attempt++)
        {
            var route = await RouteAsync(wanted, destination, [], order.StockReference, now, ct);
            // A concurrent order took stock (or the last slot of a capacity) the plan counted on: route again on fresh figures.
            if (!(await ledger.TryApplyAsync(route.Moves, ct)).IsApplied) continue;

            foreach (var a in route.Plan.Allocations)
                order.AddDelivery(Guid.CreateVersion7(), a.LocationCode, domainAddress, destination, a.DistanceKm, a.Lines, route.Decision, now);
            return;
        }
        throw StockKeptMoving();
    }

    /// <summary>
    /// Routes what an origin rejected again at once, with the usual rules (<see cref="Router"/>, capacity included), over every
    /// ship-from location except the one that rejected it (and the pickup store itself, for a pickup): a delivery goes on to the
    /// same address, a pickup becomes a transfer to the same store. The stored decision (<c>reroute_after_rejection</c>) lists the
    /// rejecting location with reason <c>rejected: &lt;reason&gt;</c>. What the rest of the network cannot supply is cancelled on
    /// the order. The origin's moves (release and correction), the replacements' reserves and capacity slots are ONE
    /// all-or-nothing ledger call; when a concurrent order took stock (or a slot) the plan counted on, it routes again.
    /// </summary>
    /// <returns>The lines cancelled on the order, with the amount not charged.</returns>
    public async Task<IReadOnlyList<CancelledLine>> RerouteAsync(Order order, FulfilmentRejection rejection, StockMoves originMoves,
        IReadOnlyDictionary<string, int> alreadyReturned, Instant now, CancellationToken ct)
    {
        var old = rejection.Rejected;
        var origin = old.OriginLocationCode;
        var store = old.PickupLocationCode ?? origin; // a pickup's replacement travels to its store, never from it
        var wanted = rejection.Lines;
        var position = await db.Locations.AsNoTracking().Where(l => l.Code == origin).Select(l => new { l.Latitude, l.Longitude }).FirstAsync(ct);
        var rejecting = new CandidateDecision(origin, Math.Round(new GeoPoint(position.Latitude, position.Longitude).DistanceKmTo(old.Destination), 3),
            false, false, $"rejected: {rejection.Reason.ToSnakeCase()}");

        // A reject must not give up while the network's stock is merely being taken by racing orders: an attempt overtaken
        // while the stock it saw was lower than at the attempt before made progress (stock is finite: once it is gone, what is
        // missing is cancelled and the reject goes through). Only attempts overtaken without such progress count as stalls.
        long? seenBefore = null;
        for (int attempt = 0, stalls = 0; stalls < settings.MaxRoutingAttempts && attempt < 10 * settings.MaxRoutingAttempts; attempt++)
        {
            var candidates = await CandidatesWithCapacityAsync(wanted, [origin, store], now, ct);
            var inNetwork = wanted.Select(l => (Line: l, Available: candidates.Open.Sum(c => (long)c.Available.GetValueOrDefault(l.Sku)))).ToList();
            var seen = inNetwork.Sum(x => x.Available);
            var supplied = inNetwork.Select(x => new StockQuantity(x.Line.Sku, (int)Math.Min(x.Line.Quantity, x.Available)))
                .Where(l => l.Quantity > 0).ToList();
            var plan = supplied.Count > 0 ? HybridOrdersMetrics.Routed("reroute", () => Router.Route(supplied, old.Destination, candidates.Open)) : null;
            var route = plan is null ? null : Planned(plan, candidates, supplied, old.Destination, order.StockReference, RerouteAfterRejection, rejecting);
            var moves = originMoves.Copy();
            if (route is not null) moves.Add(route.Moves);
            if (!(await ledger.TryApplyAsync(moves, ct)).IsApplied) // overtaken: route again on fresh figures
            {
                if (seenBefore is { } before && seen >= before) stalls++;
                seenBefore = seen;
                continue;
            }

            foreach (var a in plan?.Allocations ?? []) order.AddReplacement(rejection, a.LocationCode, a.DistanceKm, a.Lines, route!.Decision, now);
            var missing = wanted.Select(l => new StockQuantity(l.Sku, l.Quantity - (plan?.Allocations.SelectMany(a => a.Lines).Where(x => x.Sku == l.Sku).Sum(x => x.Quantity) ?? 0)))
                .Where(l => l.Quantity > 0).ToList();
            return order.CancelUnsupplied(missing, alreadyReturned, now);
        }
        throw StockKeptMoving();
    }

    /// <summary>A routed plan, the decision to store (skipped locations included) and its ledger moves (reserves and capacity slots).</summary>
    private sealed record Route(RoutingPlan Plan, RoutingDecision Decision, StockMoves Moves);

    /// <summary>Routes <paramref name="wanted"/> to <paramref name="destination"/> over the ship-from locations but those in <paramref name="except"/>,
    /// skipping those at their daily capacity today. No plan: refused with <c>insufficient_stock</c> (what the open network lacks).</summary>
    private async Task<Route> RouteAsync(IReadOnlyList<StockQuantity> wanted, GeoPoint destination,
        IReadOnlyCollection<string> except, string reference, Instant now, CancellationToken ct)
    {
        var candidates = await CandidatesWithCapacityAsync(wanted, except, now, ct);
        var plan = HybridOrdersMetrics.Routed("ship_from", () => Router.Route(wanted, destination, candidates.Open));
        if (plan is null)
        {
            if (candidates.Full.Count == 0) throw await stock.NetworkShortageAsync(wanted, ct);
            var shortages = wanted.Select(l => new StockShortage(l.Sku, l.Quantity, candidates.Open.Sum(c => c.Available.GetValueOrDefault(l.Sku))))
                .Where(s => s.Available < s.Requested).ToList();
            throw new InsufficientStockException(shortages, "Not enough stock at locations with capacity left today: " +
                string.Join(", ", shortages.Select(s => $"{s.Sku} requested {s.Requested}, available {s.Available}")) +
                $" ({string.Join(", ", candidates.Full.Select(c => c.LocationCode).Order(StringComparer.Ordinal))} at capacity).");
        }
        return Planned(plan, candidates, wanted, destination, reference, plan.Strategy);
    }

    /// <summary>The ship-from candidates but <paramref name="except"/>, split by today's capacity (each location's own day): those still open, those full.</summary>
    private sealed record CapacityCandidates(IReadOnlyList<RoutingCandidate> Open, IReadOnlyList<RoutingCandidate> Full, IReadOnlyDictionary<string, LocalDate> Days);

    private async Task<CapacityCandidates> CandidatesWithCapacityAsync(IReadOnlyList<StockQuantity> wanted,
        IReadOnlyCollection<string> except, Instant now, CancellationToken ct)
    {
        var (candidates, limited) = await stock.ShipFromCandidatesAsync(wanted, except, ct);
        var days = limited.ToDictionary(l => l.Key, l => now.InZone(DateTimeZoneProviders.Tzdb[l.Value.TimeZoneId]).Date, StringComparer.Ordinal);
        var used = await stock.UsedTodayAsync(days, ct);
        var full = limited.Where(l => used.GetValueOrDefault(l.Key) >= l.Value.Capacity).Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        return new CapacityCandidates(candidates.Where(c => !full.Contains(c.LocationCode)).ToList(),
            candidates.Where(c => full.Contains(c.LocationCode)).ToList(), days);
    }

    /// <summary>The decision to store (the locations skipped at capacity and any <paramref name="passedOver"/> included, nearest first)
    /// and the ledger moves of a plan: each allocation's reserve, and a capacity slot where the location has a capacity.</summary>
    private static Route Planned(RoutingPlan plan, CapacityCandidates candidates, IReadOnlyList<StockQuantity> wanted, GeoPoint destination,
        string reference, string strategy, params CandidateDecision[] passedOver)
    {
        var skipped = candidates.Full.Select(c => new CandidateDecision(c.LocationCode,
            Math.Round(c.Position.DistanceKmTo(destination), 3), wanted.All(l => c.Available.GetValueOrDefault(l.Sku) >= l.Quantity), false, "at_capacity"));
        var decisions = plan.Candidates.Concat(skipped).Concat(passedOver)
            .OrderBy(d => d.DistanceKm).ThenBy(d => d.LocationCode, StringComparer.Ordinal).ToList();
        var moves = new StockMoves();
        foreach (var a in plan.Allocations)
        {
            moves.Reserve(a.LocationCode, a.Lines, reference);
            if (candidates.Days.TryGetValue(a.LocationCode, out var day)) moves.TakeCapacity(a.LocationCode, day);
        }
        return new Route(plan, new RoutingDecision(strategy, decisions), moves);
    }

    private static DomainException StockKeptMoving() =>
        new("insufficient_stock", "The stock kept moving while routing this order; please try again.");
}

/// <summary>Refused pickup: what is short at the store, and nearby stores that have the whole order.</summary>
public sealed class PickupShortageException(IReadOnlyList<StockShortage> shortages, IReadOnlyList<PickupAlternative> alternatives, string store)
    : InsufficientStockException(shortages, $"Store {store} cannot hand over the whole order: " +
        string.Join(", ", shortages.Select(s => $"{s.Sku} requested {s.Requested}, available {s.Available}")) +
        (alternatives.Count > 0 ? $". Nearby stores with everything: {string.Join(", ", alternatives.Select(a => a.LocationCode))}." : ". No nearby store has everything."))
{
    public override IReadOnlyDictionary<string, object?> Extensions =>
        new Dictionary<string, object?> { ["shortages"] = Shortages, ["alternatives"] = alternatives };
}
