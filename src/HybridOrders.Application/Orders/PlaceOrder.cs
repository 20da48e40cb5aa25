using System.Security.Cryptography;
using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Application.Catalog;
using HybridOrders.Application.Reservations;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Locations;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Routing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Orders;

public enum FulfilmentChoice
{
    Pickup,
    Delivery,
}

public sealed record FulfilmentRequest(FulfilmentChoice? Type, string? LocationCode, bool? AllowTransfer, AddressDto? Address);

/// <summary>Place an order from any channel. Prices come from the catalogue now; the client never sends one.</summary>
public sealed record PlaceOrder(
    SalesChannel? Channel,
    CustomerDto? Customer,
    IReadOnlyList<QuantityLine?>? Lines,
    FulfilmentRequest? Fulfilment,
    string? PromoCode) : ICommand<OrderResponse>;

public sealed class PlaceOrderValidator : AbstractValidator<PlaceOrder>
{
    public PlaceOrderValidator()
    {
        RuleFor(x => x.Channel).NotNull().IsInEnum();
        RuleFor(x => x.Customer).IsCustomer();
        this.ValidLines(x => x.Lines);
        RuleFor(x => x.Fulfilment).NotNull();
        RuleFor(x => x.Fulfilment!.Type).NotNull().IsInEnum().When(x => x.Fulfilment is not null).OverridePropertyName("fulfilment.type");
        RuleFor(x => x.Fulfilment!.LocationCode).IsCode().When(x => x.Fulfilment?.Type == FulfilmentChoice.Pickup).OverridePropertyName("fulfilment.locationCode");
        RuleFor(x => x.Fulfilment!.Address).NotNull().When(x => x.Fulfilment?.Type == FulfilmentChoice.Delivery).OverridePropertyName("fulfilment.address");
        RuleFor(x => x.Fulfilment!.Address!).ChildRules(a =>
        {
            a.RuleFor(x => x.Line1).NotEmpty().MaximumLength(200);
            a.RuleFor(x => x.City).NotEmpty().MaximumLength(100);
            a.RuleFor(x => x.PostalCode).NotEmpty().MaximumLength(20);
            a.RuleFor(x => x.Country).NotEmpty().Length(2).Matches("^[A-Za-z]{2}$").WithMessage("'country' must be an ISO 3166-1 alpha-2 code.");
            a.RuleFor(x => x.Latitude).NotNull().InclusiveBetween(-90, 90);
            a.RuleFor(x => x.Longitude).NotNull().InclusiveBetween(-180, 180);
        }).When(x => x.Fulfilment is { Type: FulfilmentChoice.Delivery, Address: not null }).OverridePropertyName("fulfilment.address");
        RuleFor(x => x.PromoCode).MaximumLength(64);
    }
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

public sealed record PickupAlternative(string LocationCode, string Name, double DistanceKm);

public sealed class PlaceOrderHandler(IHybridOrdersDbContext db, IStockLedger ledger, IClock clock, ICurrentUser user,
    ShopSettings shop, FulfilmentSettings settings, Promotions.PromotionRedemption promotions) : ICommandHandler<PlaceOrder, OrderResponse>
{
    private const string PickupAtStore = "pickup_at_store";

    public async ValueTask<OrderResponse> Handle(PlaceOrder command, CancellationToken ct)
    {
        var wanted = command.Lines!.ToStockQuantities();
        var skus = wanted.Select(l => l.Sku).ToList();
        var prices = await db.RequireProductsAsync(skus, ct);
        var now = clock.GetCurrentInstant();
        var gross = wanted.Select(l => prices[l.Sku] * l.Quantity).ToList();
        if (gross.Sum() > Money.Max)
            throw new DomainException("order_total_too_large", $"An order may come to at most {Money.Max:0.00} {shop.Currency}.", RefusalKind.Unprocessable);
        var (promoCode, discounts) = await promotions.RedeemAsync(command.PromoCode, gross, now, ct);
        var mode = command.Fulfilment!.Type == FulfilmentChoice.Pickup ? FulfilmentMode.Pickup : FulfilmentMode.Delivery;
        var order = new Order(Guid.CreateVersion7(), NewNumber(), command.Channel!.Value, command.Customer!.ToDomain(), mode,
            wanted.Select((l, i) => new OrderLine(l.Sku, l.Quantity, prices[l.Sku], discounts[i])), promoCode, shop.Currency, now);
        var reference = $"order:{order.Number}";

        var fulfilments = command.Fulfilment!.Type == FulfilmentChoice.Pickup
            ? await PlanPickupAsync(order, wanted, command.Fulfilment, reference, now, ct)
            : await PlanDeliveryAsync(order, wanted, command.Fulfilment.Address!, reference, now, ct);
        foreach (var f in fulfilments) order.AddFulfilment(f);
        db.Orders.Add(order);
        return OrderResponse.From(order);
    }

    private async Task<IReadOnlyList<Fulfilment>> PlanPickupAsync(Order order, IReadOnlyList<StockQuantity> wanted, FulfilmentRequest request,
        string reference, Instant now, CancellationToken ct)
    {
        var store = await db.RequireLocationAsync(request.LocationCode!, ct);
        if (user.Role == ApiRole.Pos) user.EnsureCanActAt(store.Code);
        if (!store.IsActive || !store.PickupEnabled || store.Kind != LocationKind.Store)
            throw new DomainException("pickup_not_available", $"Location '{store.Code}' does not offer pickup.", RefusalKind.Unprocessable);

        var atStore = await ledger.TryReserveAsync([new StockAllocation(store.Code, wanted)], reference, ct);
        if (atStore.Count == 0)
            return [PickupFulfilment(order, 1, store, wanted, [new CandidateDecision(store.Code, 0, true, true, "the customer's pickup store has everything")],
                PickupAtStore, now)];

        if (request.AllowTransfer != true)
        {
            var alternatives = await AlternativesAsync(store, wanted, ct);
            throw new PickupShortageException(atStore.Select(s => new StockShortage(s.Sku, s.Requested, s.Available)).ToList(), alternatives, store.Code);
        }

        // Keep at the store what it has; bring the rest from the nearest locations that have it.
        for (var attempt = 0; attempt < settings.MaxRoutingAttempts; attempt++)
        {
            var available = await AvailabilityAsync(wanted, l => l.Code == store.Code, ct);
            var local = wanted.Select(l => new StockQuantity(l.Sku, Math.Min(l.Quantity, available.GetValueOrDefault(store.Code)?.GetValueOrDefault(l.Sku) ?? 0)))
                .Where(l => l.Quantity > 0).ToList();
            var missing = wanted.Select(l => new StockQuantity(l.Sku, l.Quantity - (local.FirstOrDefault(x => x.Sku == l.Sku).Quantity)))
                .Where(l => l.Quantity > 0).ToList();
            var plan = Router.Route(missing, store.Position, await CandidatesAsync(missing, l => l.ShipFromEnabled && l.Code != store.Code, ct))
                       ?? throw await NetworkShortageAsync(wanted, ct);

            var allocations = plan.Allocations.Select(a => new StockAllocation(a.LocationCode, a.Lines)).ToList();
            if (local.Count > 0) allocations.Add(new StockAllocation(store.Code, local));
            if ((await ledger.TryReserveAsync(allocations, reference, ct)).Count > 0) continue; // overtaken: route again

            var result = new List<Fulfilment>();
            var seq = 1;
            if (local.Count > 0)
                result.Add(PickupFulfilment(order, seq++, store, local,
                    [new CandidateDecision(store.Code, 0, false, true, "the pickup store keeps what it has")], PickupAtStore, now));
            foreach (var a in plan.Allocations)
                result.Add(new Fulfilment(Guid.CreateVersion7(), $"{order.Number}-{seq++}", FulfilmentType.TransferToPickup, a.LocationCode, store.Code, null,
                    store.Position, a.DistanceKm, a.Lines, plan.Strategy, plan.Candidates, store.TimeZoneId, now));
            return result;
        }
        throw new DomainException("insufficient_stock", "The stock kept moving while routing this order; please try again.");
    }

    private async Task<IReadOnlyList<Fulfilment>> PlanDeliveryAsync(Order order, IReadOnlyList<StockQuantity> wanted, AddressDto address,
        string reference, Instant now, CancellationToken ct)
    {
        var destination = new GeoPoint(address.Latitude!.Value, address.Longitude!.Value);
        var domainAddress = new Address(address.Line1!.Trim(), address.City!.Trim(), address.PostalCode!.Trim(), address.Country!.ToUpperInvariant());
        for (var attempt = 0; attempt < settings.MaxRoutingAttempts; attempt++)
        {
            var plan = Router.Route(wanted, destination, await CandidatesAsync(wanted, l => l.ShipFromEnabled, ct))
                       ?? throw await NetworkShortageAsync(wanted, ct);
            var shortages = await ledger.TryReserveAsync(plan.Allocations.Select(a => new StockAllocation(a.LocationCode, a.Lines)).ToList(), reference, ct);
            if (shortages.Count > 0) continue; // a concurrent order took stock the plan counted on: route again on fresh figures

            var seq = 1; // each fulfilment owns its own copy of the address: EF Core drops an owned instance shared by two owners
            return plan.Allocations.Select(a => new Fulfilment(Guid.CreateVersion7(), $"{order.Number}-{seq++}", FulfilmentType.Delivery,
                a.LocationCode, null, domainAddress with { }, destination, a.DistanceKm, a.Lines, plan.Strategy, plan.Candidates, null, now)).ToList();
        }
        throw new DomainException("insufficient_stock", "The stock kept moving while routing this order; please try again.");
    }

    private static Fulfilment PickupFulfilment(Order order, int seq, Location store, IReadOnlyList<StockQuantity> lines,
        IReadOnlyList<CandidateDecision> candidates, string strategy, Instant now) =>
        new(Guid.CreateVersion7(), $"{order.Number}-{seq}", FulfilmentType.Pickup, store.Code, store.Code, null, store.Position, 0, lines,
            strategy, candidates, store.TimeZoneId, now);

    /// <summary>Active locations passing <paramref name="filter"/>, with what they can promise of the wanted SKUs (a snapshot).</summary>
    private async Task<IReadOnlyList<RoutingCandidate>> CandidatesAsync(IReadOnlyList<StockQuantity> wanted,
        System.Linq.Expressions.Expression<Func<Location, bool>> filter, CancellationToken ct)
    {
        var locations = await db.Locations.AsNoTracking().Where(l => l.IsActive).Where(filter)
            .Select(l => new { l.Code, l.Latitude, l.Longitude }).ToListAsync(ct);
        var codes = locations.Select(l => l.Code).ToList();
        var available = await AvailabilityAsync(wanted, l => codes.Contains(l.Code), ct);
        return locations.Where(l => available.ContainsKey(l.Code))
            .Select(l => new RoutingCandidate(l.Code, new GeoPoint(l.Latitude, l.Longitude), available[l.Code])).ToList();
    }

    private async Task<Dictionary<string, Dictionary<string, int>>> AvailabilityAsync(IReadOnlyList<StockQuantity> wanted,
        System.Linq.Expressions.Expression<Func<Location, bool>> filter, CancellationToken ct)
    {
        var skus = wanted.Select(l => l.Sku).ToList();
        var rows = await (
                from s in db.StockLines.AsNoTracking()
                join l in db.Locations.AsNoTracking().Where(filter) on s.LocationCode equals l.Code
                where skus.Contains(s.Sku) && s.OnHand - s.Reserved - s.SafetyStock > 0
                select new { s.LocationCode, s.Sku, Available = s.OnHand - s.Reserved - s.SafetyStock })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.LocationCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Sku, r => r.Available, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private async Task<InsufficientStockException> NetworkShortageAsync(IReadOnlyList<StockQuantity> wanted, CancellationToken ct)
    {
        var skus = wanted.Select(l => l.Sku).ToList();
        var totals = await (
                from s in db.StockLines.AsNoTracking()
                join l in db.Locations.AsNoTracking() on s.LocationCode equals l.Code
                where l.IsActive && l.ShipFromEnabled && skus.Contains(s.Sku) && s.OnHand - s.Reserved - s.SafetyStock > 0
                group s by s.Sku into g
                select new { Sku = g.Key, Available = g.Sum(s => s.OnHand - s.Reserved - s.SafetyStock) })
            .ToDictionaryAsync(x => x.Sku, x => x.Available, ct);
        var shortages = wanted.Where(l => totals.GetValueOrDefault(l.Sku) < l.Quantity)
            .Select(l => new StockShortage(l.Sku, l.Quantity, totals.GetValueOrDefault(l.Sku))).ToList();
        return new InsufficientStockException(shortages, "Not enough stock in the whole network: " +
            string.Join(", ", shortages.Select(s => $"{s.Sku} requested {s.Requested}, available {s.Available}")) + ".");
    }

    private async Task<IReadOnlyList<PickupAlternative>> AlternativesAsync(Location store, IReadOnlyList<StockQuantity> wanted, CancellationToken ct)
    {
        var stores = await db.Locations.AsNoTracking()
            .Where(l => l.IsActive && l.PickupEnabled && l.Kind == LocationKind.Store && l.Code != store.Code)
            .Select(l => new { l.Code, l.Name, l.Latitude, l.Longitude }).ToListAsync(ct);
        var codes = stores.Select(s => s.Code).ToList();
        var available = await AvailabilityAsync(wanted, l => codes.Contains(l.Code), ct);
        return stores
            .Where(s => available.TryGetValue(s.Code, out var a) && wanted.All(l => a.GetValueOrDefault(l.Sku) >= l.Quantity))
            .Select(s => new PickupAlternative(s.Code, s.Name, Math.Round(store.Position.DistanceKmTo(new GeoPoint(s.Latitude, s.Longitude)), 3)))
            .Where(a => a.DistanceKm <= settings.AlternativesRadiusKm)
            .OrderBy(a => a.DistanceKm).ThenBy(a => a.LocationCode, StringComparer.Ordinal).Take(5).ToList();
    }

    /// <summary>HO- and eight characters of an alphabet without look-alikes (no 0/O, 1/I/L): readable over the phone.</summary>
    private static string NewNumber()
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        return "HO-" + new string(RandomNumberGenerator.GetItems<char>(alphabet, 8));
    }
}
