using HybridOrders.Application.Availability;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Locations;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Routing;
using NodaTime;

namespace HybridOrders.Application.Orders;

/// <summary>
/// Where an order is routed: turns the fulfilment a customer asked for into the order's fulfilments, with their stock held.
/// Pickup: the store's own stock, else (with <c>allowTransfer</c>) what it has plus transfers from the nearest locations that
/// have the rest. Delivery: the nearest ship-from location with everything, else as few locations as possible
/// (<see cref="Router"/>, ADR 0006). Every plan is held with one all-or-nothing ledger call (all its locations in the global
/// lock order); when a concurrent order took stock the plan counted on, it routes again on fresh figures.
/// </summary>
public sealed class FulfilmentPlanner(IHybridOrdersDbContext db, IStockLedger ledger, StockQueries stock, ICurrentUser user, FulfilmentSettings settings)
{
    private const string PickupAtStore = "pickup_at_store";

    public Task PlanAsync(Order order, FulfilmentRequest request, Instant now, CancellationToken ct) =>
        request.Type == FulfilmentMode.Pickup
            ? PlanPickupAsync(order, request, now, ct)
            : PlanDeliveryAsync(order, request.Address!, now, ct);

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
            var plan = Router.Route(missing, store.Position, await stock.CandidatesAsync(missing, l => l.ShipFromEnabled && l.Code != store.Code, ct))
                       ?? throw await stock.NetworkShortageAsync(wanted, ct);

            var allocations = plan.Allocations.Select(a => new StockAllocation(a.LocationCode, a.Lines)).ToList();
            if (local.Count > 0) allocations.Add(new StockAllocation(store.Code, local));
            if ((await ledger.TryReserveAsync(allocations, order.StockReference, ct)).Count > 0) continue; // overtaken: route again

            if (local.Count > 0)
                order.AddPickup(Guid.CreateVersion7(), site, local,
                    new RoutingDecision(PickupAtStore, [new CandidateDecision(store.Code, 0, false, true, "the pickup store keeps what it has")]), now);
            var decision = new RoutingDecision(plan.Strategy, plan.Candidates);
            foreach (var a in plan.Allocations) order.AddTransfer(Guid.CreateVersion7(), a.LocationCode, site, a.DistanceKm, a.Lines, decision, now);
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
            var plan = Router.Route(wanted, destination, await stock.CandidatesAsync(wanted, l => l.ShipFromEnabled, ct))
                       ?? throw await stock.NetworkShortageAsync(wanted, ct);
            var shortages = await ledger.TryReserveAsync(plan.Allocations.Select(a => new StockAllocation(a.LocationCode, a.Lines)).ToList(),
                order.StockReference, ct);
            if (shortages.Count > 0) continue; // a concurrent order took stock the plan counted on: route again on fresh figures

            var decision = new RoutingDecision(plan.Strategy, plan.Candidates);
            foreach (var a in plan.Allocations) order.AddDelivery(Guid.CreateVersion7(), a.LocationCode, domainAddress, destination, a.DistanceKm, a.Lines, decision, now);
            return;
        }
        throw StockKeptMoving();
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
