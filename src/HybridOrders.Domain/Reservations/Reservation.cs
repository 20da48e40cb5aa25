using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using NodaTime;

namespace HybridOrders.Domain.Reservations;

public enum ReservationStatus
{
    Active,
    Fulfilled,
    Released,
    Expired,
}

/// <summary>A hold of stock at one location for one customer, until it is sold at the till, released or expires.</summary>
public sealed class Reservation : AggregateRoot
{
    public const int DefaultHoldMinutes = 60;
    public const int MaxHoldMinutes = 10080; // one week

    private readonly List<ReservationLine> _lines = [];

    private Reservation() { } // EF Core

    public Reservation(Guid id, string locationCode, SalesChannel channel, CustomerRef customer,
        IEnumerable<StockQuantity> lines, Instant createdAt, Duration hold)
    {
        if (hold <= Duration.Zero || hold > Duration.FromMinutes(MaxHoldMinutes))
            throw new ArgumentOutOfRangeException(nameof(hold));
        Id = id;
        LocationCode = locationCode;
        Channel = channel;
        Customer = customer;
        Status = ReservationStatus.Active;
        CreatedAt = createdAt;
        ExpiresAt = createdAt + hold;
        _lines.AddRange(StockQuantity.Normalize(lines).Select(l => new ReservationLine(l.Sku, l.Quantity)));
        if (_lines.Count == 0) throw new ArgumentException("A reservation needs at least one line.", nameof(lines));
        Raise(new ReservationEvent(EventTypes.ReservationCreated, this));
    }

    public Guid Id { get; private set; }
    public string LocationCode { get; private set; } = null!;
    public SalesChannel Channel { get; private set; }
    public CustomerRef Customer { get; private set; } = null!;
    public ReservationStatus Status { get; private set; }
    public Instant CreatedAt { get; private set; }
    public Instant ExpiresAt { get; private set; }
    public Instant? ClosedAt { get; private set; }

    /// <summary>The order that records the sale, once the hold was paid at the till.</summary>
    public Guid? OrderId { get; private set; }

    /// <summary>Optimistic concurrency token: every transition bumps it, so two racing transitions
    /// (a release at the till and the expiry sweep, say) cannot both succeed.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ReservationLine> Lines => _lines;

    public IReadOnlyList<StockQuantity> Quantities => _lines.Select(l => new StockQuantity(l.Sku, l.Quantity)).ToList();

    /// <summary>The customer paid at the till: the held units are sold.</summary>
    public void Fulfil(Instant now, Guid orderId)
    {
        Close(ReservationStatus.Fulfilled, now);
        OrderId = orderId;
    }

    /// <summary>The hold is given up; the units are available again.</summary>
    public void Release(Instant now) => Close(ReservationStatus.Released, now);

    /// <summary>The hold ran out. Only a hold past its expiry can expire.</summary>
    public void Expire(Instant now)
    {
        if (Status == ReservationStatus.Active && now < ExpiresAt)
            throw new DomainException("reservation_not_expired", $"Reservation {Id} does not expire before {ExpiresAt}.");
        Close(ReservationStatus.Expired, now);
    }

    private void Close(ReservationStatus to, Instant now)
    {
        if (Status != ReservationStatus.Active)
            throw new ReservationNotActiveException(Id, Status);
        Status = to;
        ClosedAt = now;
        Version++;
        Raise(new ReservationEvent(to switch
        {
            ReservationStatus.Fulfilled => EventTypes.ReservationFulfilled,
            ReservationStatus.Released => EventTypes.ReservationReleased,
            _ => EventTypes.ReservationExpired,
        }, this));
    }
}

/// <summary>A reservation was created, fulfilled, released or expired; the payload is the reservation as saved.</summary>
public sealed record ReservationEvent(string Type, Reservation Reservation) : IDomainEvent;

public sealed class ReservationLine
{
    private ReservationLine() { } // EF Core

    public ReservationLine(string sku, int quantity)
    {
        Sku = sku;
        Quantity = quantity;
    }

    public string Sku { get; private set; } = null!;
    public int Quantity { get; private set; }
}

public sealed class ReservationNotActiveException(Guid id, ReservationStatus status)
    : DomainException("reservation_not_active", $"Reservation {id} is {status.ToString().ToLowerInvariant()}, not active.");
