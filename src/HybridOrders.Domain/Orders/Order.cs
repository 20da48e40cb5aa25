using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Returns;
using HybridOrders.Domain.Routing;
using NodaTime;

namespace HybridOrders.Domain.Orders;

/// <summary>How the customer gets the goods: picked up in a store (possibly after a transfer) or delivered.</summary>
public enum FulfilmentMode
{
    Pickup,
    Delivery,
    /// <summary>A carry-out sale at a store's till: the goods leave the shelf at once.</summary>
    InStore,
}

public enum OrderStatus
{
    Placed,
    InProgress,
    Completed,
    Cancelled,
    Expired,
}

/// <summary>An order from any channel. Its fulfilments (one per origin location) carry the goods; its status is derived from them.</summary>
public sealed class Order : AggregateRoot
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<Fulfilment> _fulfilments = [];

    private Order() { } // EF Core

    /// <summary>A new order; its id is derived from its number (<see cref="OrderNumbers.IdOf"/>), so the key keeps numbers unique.</summary>
    public Order(string number, SalesChannel channel, CustomerRef customer, FulfilmentMode mode, IEnumerable<OrderLine> lines,
        string? promoCode, string currency, Instant placedAt)
    {
        Id = OrderNumbers.IdOf(number);
        Number = number;
        Channel = channel;
        Mode = mode;
        Customer = customer;
        _lines.AddRange(lines);
        if (_lines.Count == 0) throw new ArgumentException("An order needs at least one line.", nameof(lines));
        Subtotal = _lines.Sum(l => l.UnitPrice * l.Quantity);
        Discount = _lines.Sum(l => l.Discount);
        Total = Subtotal - Discount;
        Units = _lines.Sum(l => l.Quantity);
        PromoCode = promoCode;
        Currency = currency;
        PlacedAt = placedAt;
        Status = OrderStatus.Placed;
        Raise(new OrderEvent(EventTypes.OrderPlaced, this)); // its data (with the fulfilments added next) is taken when it is saved
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = null!;
    public SalesChannel Channel { get; private set; }
    public FulfilmentMode Mode { get; private set; }
    public CustomerRef Customer { get; private set; } = null!;
    public OrderStatus Status { get; private set; }
    public decimal Subtotal { get; private set; }
    public decimal Discount { get; private set; }
    public decimal Total { get; private set; }
    public string? PromoCode { get; private set; }
    public string Currency { get; private set; } = null!;
    public Instant PlacedAt { get; private set; }
    public Instant? CancelledAt { get; private set; }

    /// <summary>Units bought, units returned so far, and what was refunded for them (kept here so analytics is one grouped query).</summary>
    public int Units { get; private set; }
    public int ReturnedUnits { get; private set; }
    public decimal RefundedAmount { get; private set; }

    /// <summary>Optimistic concurrency token: every change to the order or a fulfilment bumps it.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;
    public IReadOnlyList<Fulfilment> Fulfilments => _fulfilments;

    public IReadOnlyList<StockQuantity> Quantities => _lines.Select(l => new StockQuantity(l.Sku, l.Quantity)).ToList();

    /// <summary>The reference its stock movements carry in the ledger (<c>order:HO-…</c>), so the ledger reads back to the order.</summary>
    public string StockReference => $"order:{Number}";

    /// <summary>The customer collects at <paramref name="store"/>, which holds the goods itself.</summary>
    public Fulfilment AddPickup(Guid id, FulfilmentSite store, IEnumerable<StockQuantity> lines, RoutingDecision routing, Instant now) =>
        Add(new Fulfilment(id, NextCode(), FulfilmentType.Pickup, store.Code, store.Code, null, store.Position, 0, lines, routing, store.TimeZoneId, now));

    /// <summary>A sale at <paramref name="store"/>'s till: the customer leaves with the goods, so the fulfilment is collected at once.</summary>
    public Fulfilment AddInStoreSale(Guid id, FulfilmentSite store, IEnumerable<StockQuantity> lines, Instant now)
    {
        var sale = new Fulfilment(id, NextCode(), FulfilmentType.InStore, store.Code, store.Code, null, store.Position, 0, lines,
            new RoutingDecision(RoutingStrategy.InStore, [new CandidateDecision(store.Code, 0, true, true, "sold at the store's till")]), store.TimeZoneId, now);
        sale.HandOverAtTill(now);
        return Add(sale);
    }

    /// <summary>Goods travel from <paramref name="origin"/> to the customer's pickup <paramref name="store"/>.</summary>
    public Fulfilment AddTransfer(Guid id, string origin, FulfilmentSite store, double distanceKm, IEnumerable<StockQuantity> lines,
        RoutingDecision routing, Instant now, Guid? replaces = null) =>
        Add(new Fulfilment(id, NextCode(), FulfilmentType.TransferToPickup, origin, store.Code, null, store.Position, distanceKm, lines, routing,
            store.TimeZoneId, now, replaces));

    /// <summary>Goods are sent from <paramref name="origin"/> to the customer's address (each delivery keeps its own copy of it).</summary>
    public Fulfilment AddDelivery(Guid id, string origin, Address address, GeoPoint destination, double distanceKm, IEnumerable<StockQuantity> lines,
        RoutingDecision routing, Instant now, Guid? replaces = null) =>
        Add(new Fulfilment(id, NextCode(), FulfilmentType.Delivery, origin, null, address with { }, destination, distanceKm, lines, routing, null, now,
            replaces));

    /// <summary>
    /// The origin of an allocated fulfilment cannot send (some of) it: the fulfilment ends as <c>rejected</c>, showing what was
    /// rejected, and a new fulfilment at the same origin keeps the rest. What was rejected is then re-routed
    /// (<see cref="AddReplacement"/>) or cancelled (<see cref="CancelUnsupplied"/>) by the caller, which also moves the stock.
    /// No <paramref name="lines"/> means all of it. Refused: a SKU the fulfilment does not hold (<c>reject_unknown_sku</c>), more
    /// than it holds (<c>reject_exceeds_fulfilment</c>), a fulfilment no longer allocated (<c>invalid_transition</c>).
    /// </summary>
    public FulfilmentRejection Reject(Guid fulfilmentId, RejectionReason reason, IReadOnlyList<StockQuantity>? lines, Instant now)
    {
        var fulfilment = FulfilmentOf(fulfilmentId);
        var held = fulfilment.Lines.ToDictionary(l => l.Sku, l => l.Quantity, StringComparer.Ordinal);
        var rejected = lines is null ? held : StockQuantity.Normalize(lines).ToDictionary(l => l.Sku, l => l.Quantity, StringComparer.Ordinal);
        if (rejected.Keys.FirstOrDefault(sku => !held.ContainsKey(sku)) is { } unknown)
            throw new DomainException("reject_unknown_sku", $"Fulfilment {fulfilment.Code} holds no {unknown}.", RefusalKind.Unprocessable);
        if (rejected.FirstOrDefault(r => r.Value > held[r.Key]) is { Key: not null } over)
            throw new DomainException("reject_exceeds_fulfilment",
                $"Fulfilment {fulfilment.Code} holds {held[over.Key]} of {over.Key}; {over.Value} cannot be rejected.", RefusalKind.Unprocessable);

        fulfilment.Reject(reason, rejected, now);
        var rest = held.Select(h => new StockQuantity(h.Key, h.Value - rejected.GetValueOrDefault(h.Key))).Where(l => l.Quantity > 0).ToList();
        Fulfilment? kept = null;
        if (rest.Count > 0)
            kept = Add(new Fulfilment(Guid.CreateVersion7(), NextCode(), fulfilment.Type, fulfilment.OriginLocationCode, fulfilment.DestinationLocationCode,
                fulfilment.DestinationAddress is { } a ? a with { } : null, fulfilment.Destination, fulfilment.DistanceKm, rest,
                new RoutingDecision(fulfilment.RoutingStrategy, fulfilment.Candidates, fulfilment.CandidatesConsidered), fulfilment.PickupTimeZone, now, fulfilment.Id));
        Raise(new FulfilmentEvent(EventTypes.FulfilmentRejected, this, fulfilment));
        Touch();
        return new FulfilmentRejection(fulfilment, kept, reason,
            rejected.Where(r => r.Value > 0).Select(r => new StockQuantity(r.Key, r.Value)).OrderBy(l => l.Sku, StringComparer.Ordinal).ToList());
    }

    /// <summary>Another origin takes over rejected goods: a delivery goes on to the same address, and for a pickup (or a transfer
    /// to one) the goods travel to the same pickup store as a transfer.</summary>
    public Fulfilment AddReplacement(FulfilmentRejection rejection, string origin, double distanceKm, IEnumerable<StockQuantity> lines,
        RoutingDecision routing, Instant now)
    {
        var old = rejection.Rejected;
        var replacement = old.Type == FulfilmentType.Delivery
            ? AddDelivery(Guid.CreateVersion7(), origin, old.DestinationAddress!, old.Destination, distanceKm, lines, routing, now, old.Id)
            : AddTransfer(Guid.CreateVersion7(), origin, new FulfilmentSite(old.DestinationLocationCode!, old.Destination, old.PickupTimeZone!),
                distanceKm, lines, routing, now, old.Id);
        Raise(new FulfilmentEvent(EventTypes.FulfilmentRerouted, this, replacement));
        return replacement;
    }

    /// <summary>
    /// What no location can supply is taken off the order: per line the amount not charged is what the customer would have
    /// paid for those units after the discount, cumulative to the cent with earlier cancellations and returns of the line
    /// (<see cref="Refund"/>), and the order's subtotal, discount, total and units fall with it.
    /// </summary>
    /// <param name="alreadyReturned">Units of each SKU taken back by returns so far.</param>
    public IReadOnlyList<CancelledLine> CancelUnsupplied(IEnumerable<StockQuantity> lines, IReadOnlyDictionary<string, int> alreadyReturned, Instant now)
    {
        var cancelled = new List<CancelledLine>();
        foreach (var (sku, quantity) in StockQuantity.Normalize(lines))
        {
            var line = _lines.FirstOrDefault(l => l.Sku == sku) ?? throw new DomainException("reject_unknown_sku", $"Order {Number} has no line {sku}.");
            var amount = Refund.For(line.LineTotal, line.Quantity, line.CancelledQuantity + alreadyReturned.GetValueOrDefault(sku), quantity);
            line.Cancel(quantity, amount);
            Subtotal -= line.UnitPrice * quantity;
            Total -= amount;
            Discount = Subtotal - Total;
            Units -= quantity;
            cancelled.Add(new CancelledLine(sku, quantity, amount));
        }
        if (cancelled.Count == 0) return cancelled;
        Touch();
        if (Status == OrderStatus.Cancelled) CancelledAt ??= now;
        return cancelled;
    }

    private Fulfilment Add(Fulfilment fulfilment)
    {
        _fulfilments.Add(fulfilment);
        Touch();
        return fulfilment;
    }

    /// <summary>Readable for people: the order number and a sequence, e.g. HO-7K3M2Q9X-2.</summary>
    private string NextCode() => $"{Number}-{_fulfilments.Count + 1}";

    /// <summary>One of this order's fulfilments; another order's is refused.</summary>
    public Fulfilment FulfilmentOf(Guid fulfilmentId) =>
        _fulfilments.FirstOrDefault(f => f.Id == fulfilmentId)
        ?? throw new DomainException("fulfilment_not_in_order", $"Fulfilment {fulfilmentId} is not part of order {Number}.", RefusalKind.Unprocessable);

    /// <summary>The store has picked a pickup; the customer has until <paramref name="deadline"/>.</summary>
    public Fulfilment MarkReady(Guid fulfilmentId, Instant now, Instant deadline) => Step(fulfilmentId, f => f.MarkReady(now, deadline));

    /// <summary>A transfer arrived at the pickup store and waits there until <paramref name="deadline"/>.</summary>
    public Fulfilment ReceiveTransfer(Guid fulfilmentId, Instant now, Instant deadline) => Step(fulfilmentId, f => f.Receive(now, deadline));

    /// <summary>The customer took the goods at the store.</summary>
    public Fulfilment Collect(Guid fulfilmentId, Instant now) => Step(fulfilmentId, f => f.Collect(now));

    /// <summary>A delivery left for the customer, or a transfer for the pickup store.</summary>
    public Fulfilment Ship(Guid fulfilmentId, Instant now) => Step(fulfilmentId, f => f.Ship(now));

    /// <summary>A delivery reached the customer.</summary>
    public Fulfilment Deliver(Guid fulfilmentId, Instant now) => Step(fulfilmentId, f => f.Deliver(now));

    /// <summary>A pickup was not collected by its deadline.</summary>
    public Fulfilment ExpirePickup(Guid fulfilmentId, Instant now) => Step(fulfilmentId, f => f.Expire(now));

    /// <summary>Runs a step on one fulfilment (it guards its own transition) and derives the order status again.</summary>
    private Fulfilment Step(Guid fulfilmentId, Action<Fulfilment> step)
    {
        var fulfilment = FulfilmentOf(fulfilmentId);
        var before = fulfilment.Status;
        step(fulfilment);
        if (fulfilment.Status != before && FulfilmentEvent.TypeFor(fulfilment.Status) is { } type)
            Raise(new FulfilmentEvent(type, this, fulfilment));
        Touch();
        return fulfilment;
    }

    /// <summary>Cancels every fulfilment not yet collected, shipped or delivered and returns them (their stock is to be released).
    /// A completed, cancelled or expired order cannot be cancelled.</summary>
    public IReadOnlyList<Fulfilment> Cancel(Instant now)
    {
        if (Status is OrderStatus.Completed or OrderStatus.Cancelled or OrderStatus.Expired)
            throw new DomainException("invalid_transition", $"Order {Number} is {Status.ToSnakeCase()} and cannot be cancelled.");
        var cancelled = _fulfilments.Where(f => f.CanBeCancelled).ToList();
        if (cancelled.Count == 0)
            throw new DomainException("invalid_transition", $"Nothing of order {Number} can be cancelled any more: it is collected, shipped or on its way.");
        foreach (var f in cancelled) f.Cancel(now);
        CancelledAt = now;
        Touch();
        return cancelled;
    }

    /// <summary>Units handed to the customer (collected or delivered) per SKU, each with when it was handed over.</summary>
    public IEnumerable<(string Sku, int Quantity, Instant HandedOverAt)> HandedOver() =>
        _fulfilments.Where(f => f.CollectedAt is not null || f.DeliveredAt is not null)
            .SelectMany(f => f.Lines.Select(l => (l.Sku, l.Quantity, (f.CollectedAt ?? f.DeliveredAt)!.Value)));

    /// <summary>
    /// Takes goods of this order back at a store: only units handed over (collected or delivered), at most what was bought
    /// minus what already came back (<c>return_exceeds_purchase</c>), oldest units first and each within
    /// <paramref name="window"/> of its hand-over (<c>return_window_closed</c>); the refund is what the customer paid for
    /// those units after the discount, cumulative to the cent (<see cref="Refund"/>). Bumps the version, so two returns of
    /// one order at the same moment cannot both take the same units.
    /// </summary>
    /// <param name="alreadyReturned">Units of each SKU taken back by earlier returns.</param>
    public Return AcceptReturn(Guid returnId, string locationCode, IEnumerable<(string Sku, ItemCondition Condition, int Quantity)> requested,
        IReadOnlyDictionary<string, int> alreadyReturned, string reason, Duration window, Instant now)
    {
        var handedOver = HandedOver().ToList();
        var lines = new List<ReturnLine>();
        foreach (var group in requested.GroupBy(l => (l.Sku, l.Condition)))
        {
            var (sku, condition) = group.Key;
            var quantity = group.Sum(l => l.Quantity);
            var bought = _lines.FirstOrDefault(l => l.Sku == sku);
            var returned = alreadyReturned.GetValueOrDefault(sku) + lines.Where(l => l.Sku == sku).Sum(l => l.Quantity);
            var received = handedOver.Where(h => h.Sku == sku).Sum(h => h.Quantity);
            var inWindow = handedOver.Where(h => h.Sku == sku && now <= h.HandedOverAt + window).Sum(h => h.Quantity);
            if (bought is null || quantity > received - returned)
                throw new DomainException("return_exceeds_purchase",
                    $"Order {Number} can take back at most {Math.Max(0, received - returned)} of {sku} (collected or delivered {received}, already returned {returned}).",
                    RefusalKind.Unprocessable);
            // Oldest units are taken back first: the ones that left the window are spent before those still in it.
            if (quantity > inWindow - Math.Max(0, returned - (received - inWindow)))
                throw new DomainException("return_window_closed",
                    $"The {(int)window.TotalDays}-day return window for {sku} of order {Number} has closed.", RefusalKind.Unprocessable);
            // cancelled units (never charged) come first in the line's cumulative sequence, so everything adds up to the line total
            lines.Add(new ReturnLine(sku, condition, quantity, Refund.For(bought.LineTotal, bought.Quantity, bought.CancelledQuantity + returned, quantity)));
        }

        var accepted = new Return(returnId, Id, Number, locationCode, lines, reason, Currency, now);
        ReturnedUnits += accepted.Lines.Sum(l => l.Quantity);
        RefundedAmount += accepted.RefundAmount;
        if (ReturnedUnits > Units || RefundedAmount > Total)
            throw new DomainException("return_exceeds_purchase", $"Order {Number} would take back more than it sold.", RefusalKind.Unprocessable);
        Version++;
        return accepted;
    }

    private void Touch()
    {
        foreach (var f in _fulfilments) f.NoteMinutesToReady(PlacedAt);
        var before = Status;
        Status = Derive(_fulfilments);
        Version++;
        if (Status != before && Status is OrderStatus.Completed or OrderStatus.Cancelled)
            Raise(new OrderEvent(Status == OrderStatus.Completed ? EventTypes.OrderCompleted : EventTypes.OrderCancelled, this));
    }

    /// <summary>placed (nothing moved yet) → in_progress (something moved) → completed | cancelled | expired (all ended).</summary>
    public static OrderStatus Derive(IReadOnlyCollection<Fulfilment> fulfilments)
    {
        if (fulfilments.Count == 0) return OrderStatus.Placed;
        if (fulfilments.All(f => f.IsEnded))
        {
            if (fulfilments.Any(f => f.Status is FulfilmentStatus.Collected or FulfilmentStatus.Delivered)) return OrderStatus.Completed;
            if (fulfilments.Any(f => f.Status == FulfilmentStatus.Expired)) return OrderStatus.Expired;
            return OrderStatus.Cancelled;
        }
        return fulfilments.All(f => f.Status is FulfilmentStatus.Allocated or FulfilmentStatus.Cancelled or FulfilmentStatus.Rejected)
               && fulfilments.Any(f => f.Status == FulfilmentStatus.Allocated)
            ? OrderStatus.Placed
            : OrderStatus.InProgress;
    }
}

/// <summary>A line as bought: the catalogue price at the moment of ordering, its share of any discount, and what it costs.</summary>
public sealed class OrderLine
{
    private OrderLine() { } // EF Core

    public OrderLine(string sku, int quantity, decimal unitPrice, decimal discount)
    {
        Sku = sku;
        Quantity = quantity;
        UnitPrice = unitPrice;
        Discount = discount;
        LineTotal = unitPrice * quantity - discount;
    }

    public string Sku { get; private set; } = null!;
    public int Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public decimal Discount { get; private set; }
    public decimal LineTotal { get; private set; }

    /// <summary>Units taken off the order because no location could supply them, and what was not charged for them.</summary>
    public int CancelledQuantity { get; private set; }
    public decimal CancelledAmount { get; private set; }

    internal void Cancel(int quantity, decimal amount)
    {
        if (quantity <= 0 || CancelledQuantity + quantity > Quantity)
            throw new DomainException("reject_exceeds_fulfilment", $"Only {Quantity - CancelledQuantity} of {Sku} are left on the order to cancel.",
                RefusalKind.Unprocessable);
        CancelledQuantity += quantity;
        CancelledAmount += amount;
    }
}

/// <summary>Where a pickup is collected: the store's code, position and IANA time zone (for its local deadline).</summary>
public sealed record FulfilmentSite(string Code, GeoPoint Position, string TimeZoneId);

/// <summary>A rejected fulfilment, the new one keeping the rest at its origin (if any), and what is to be routed again.</summary>
public sealed record FulfilmentRejection(Fulfilment Rejected, Fulfilment? Kept, RejectionReason Reason, IReadOnlyList<StockQuantity> Lines);

/// <summary>Units taken off an order, and the amount not charged for them.</summary>
public sealed record CancelledLine(string Sku, int Quantity, decimal RefundAmount);

/// <summary>Why a fulfilment goes where it goes: the strategy and every candidate considered (ADR 0006);
/// <c>CandidateCount</c>: how many were considered, when <c>Candidates</c> is already trimmed.</summary>
public sealed record RoutingDecision(string Strategy, IReadOnlyList<CandidateDecision> Candidates, int? CandidateCount = null);

/// <summary>An order was placed, completed or cancelled; the payload is the order as saved.</summary>
public sealed record OrderEvent(string Type, Order Order) : IDomainEvent;

/// <summary>A fulfilment of <see cref="Order"/> took a step clients react to (ready, collected, shipped, delivered, expired).</summary>
public sealed record FulfilmentEvent(string Type, Order Order, Fulfilment Fulfilment) : IDomainEvent
{
    public static string? TypeFor(FulfilmentStatus status) => status switch
    {
        FulfilmentStatus.ReadyForPickup => EventTypes.FulfilmentReadyForPickup,
        FulfilmentStatus.Collected => EventTypes.FulfilmentCollected,
        FulfilmentStatus.Shipped or FulfilmentStatus.InTransit => EventTypes.FulfilmentShipped, // a transfer leaving for the pickup store too
        FulfilmentStatus.Delivered => EventTypes.FulfilmentDelivered,
        FulfilmentStatus.Expired => EventTypes.FulfilmentExpired,
        _ => null,
    };
}
