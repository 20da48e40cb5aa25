using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using NodaTime;

namespace HybridOrders.Domain.Orders;

/// <summary>How the customer gets the goods: picked up in a store (possibly after a transfer) or delivered.</summary>
public enum FulfilmentMode
{
    Pickup,
    Delivery,
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
public sealed class Order
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<Fulfilment> _fulfilments = [];

    private Order() { } // EF Core

    public Order(Guid id, string number, SalesChannel channel, CustomerRef customer, FulfilmentMode mode, IEnumerable<OrderLine> lines,
        string? promoCode, string currency, Instant placedAt)
    {
        Id = id;
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

    public Fulfilment AddFulfilment(Fulfilment fulfilment)
    {
        _fulfilments.Add(fulfilment);
        Touch();
        return fulfilment;
    }

    public Fulfilment FindFulfilment(Guid fulfilmentId) =>
        _fulfilments.FirstOrDefault(f => f.Id == fulfilmentId) ?? throw new ArgumentException($"Fulfilment {fulfilmentId} is not part of order {Id}.");

    /// <summary>Runs a step on one fulfilment (it guards its own transition) and derives the order status again.</summary>
    public Fulfilment Step(Guid fulfilmentId, Action<Fulfilment> step)
    {
        var fulfilment = FindFulfilment(fulfilmentId);
        step(fulfilment);
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

    /// <summary>Records a return against the order. Bumps the version, so two returns of one order at the same moment
    /// cannot both take the same units.</summary>
    public void RecordReturn(int units, decimal refund)
    {
        ReturnedUnits += units;
        RefundedAmount += refund;
        if (ReturnedUnits > Units || RefundedAmount > Total) throw new InvalidOperationException($"Order {Number} would return more than it sold.");
        Version++;
    }

    private void Touch()
    {
        foreach (var f in _fulfilments) f.NoteMinutesToReady(PlacedAt);
        Status = Derive(_fulfilments);
        Version++;
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
        return fulfilments.All(f => f.Status is FulfilmentStatus.Allocated or FulfilmentStatus.Cancelled) && fulfilments.Any(f => f.Status == FulfilmentStatus.Allocated)
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
}

public static class EnumText
{
    /// <summary>InProgress → in_progress, as on the wire.</summary>
    public static string ToSnakeCase(this Enum value) =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
