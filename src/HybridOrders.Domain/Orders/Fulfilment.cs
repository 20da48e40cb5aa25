using HybridOrders.Domain.Common;
using HybridOrders.Domain.Routing;
using HybridOrders.Domain.Inventory;
using NodaTime;

namespace HybridOrders.Domain.Orders;

public enum FulfilmentType
{
    Pickup,
    Delivery,
    TransferToPickup,
    /// <summary>Sold at a store's till and carried out: collected the moment it is created.</summary>
    InStore,
}

public enum FulfilmentStatus
{
    Allocated,
    InTransit,
    ReadyForPickup,
    Collected,
    Shipped,
    Delivered,
    Expired,
    Cancelled,
    /// <summary>The origin could not send it (a short pick): what it held was routed again or cancelled on the order.</summary>
    Rejected,
}

/// <summary>Why an origin gives a fulfilment back: the goods are not on the shelf, they are damaged, or the store cannot do it
/// (staff, closing); each corrects the origin's stock differently.</summary>
public enum RejectionReason
{
    NotFound,
    Damaged,
    StoreUnable,
}

/// <summary>A delivery address as the customer gave it, with its coordinates.</summary>
public sealed record Address(string Line1, string City, string PostalCode, string Country);

/// <summary>
/// What one origin location does for an order. Steps are guarded: pickup allocated → ready_for_pickup → collected | expired;
/// delivery allocated → shipped → delivered; transfer allocated → in_transit → (received) ready_for_pickup → as pickup;
/// anything not yet collected, shipped or on its way can be cancelled; an allocated one can be rejected by its origin
/// (<see cref="Order.Reject"/>).
/// </summary>
public sealed class Fulfilment
{
    private readonly List<FulfilmentLine> _lines = [];

    private Fulfilment() { } // EF Core

    /// <summary>Only the order creates its fulfilments (<see cref="Order.AddPickup"/>, <see cref="Order.AddTransfer"/>,
    /// <see cref="Order.AddDelivery"/>), numbering them as it goes.</summary>
    internal Fulfilment(Guid id, string code, FulfilmentType type, string originLocationCode, string? destinationLocationCode, Address? destinationAddress,
        GeoPoint destination, double distanceKm, IEnumerable<StockQuantity> lines, RoutingDecision routing, string? pickupTimeZone, Instant createdAt,
        Guid? replacesFulfilmentId = null)
    {
        ReplacesFulfilmentId = replacesFulfilmentId;
        Id = id;
        Code = code;
        PickupTimeZone = pickupTimeZone;
        Type = type;
        Status = FulfilmentStatus.Allocated;
        OriginLocationCode = originLocationCode;
        DestinationLocationCode = destinationLocationCode;
        DestinationAddress = destinationAddress;
        DestinationLatitude = destination.Latitude;
        DestinationLongitude = destination.Longitude;
        DistanceKm = distanceKm;
        _lines.AddRange(StockQuantity.Normalize(lines).Select(l => new FulfilmentLine(l.Sku, l.Quantity)));
        RoutingStrategy = routing.Strategy;
        // The row keeps the chosen locations and the ten nearest others; every candidate goes to its own row when that trims.
        Candidates = FulfilmentRouting.Trim(routing.Candidates);
        CandidateCount = Math.Max(routing.CandidateCount ?? 0, routing.Candidates.Count);
        if (Candidates.Count < routing.Candidates.Count) FullRouting = new FulfilmentRouting(id, routing.Candidates.ToList());
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    /// <summary>Readable for people: the order number and a sequence, e.g. HO-7K3M2Q9X-2.</summary>
    public string Code { get; private set; } = null!;
    public Guid OrderId { get; private set; }
    public FulfilmentType Type { get; private set; }
    public FulfilmentStatus Status { get; private set; }
    public string OriginLocationCode { get; private set; } = null!;
    public string? DestinationLocationCode { get; private set; }
    public Address? DestinationAddress { get; private set; }
    public double DestinationLatitude { get; private set; }
    public double DestinationLongitude { get; private set; }
    public double DistanceKm { get; private set; }
    public string RoutingStrategy { get; private set; } = null!;

    /// <summary>The pickup store's IANA time zone, for its local deadline (null for deliveries).</summary>
    public string? PickupTimeZone { get; private set; }
    public Instant CreatedAt { get; private set; }
    public Instant? ShippedAt { get; private set; }
    public Instant? ReceivedAt { get; private set; }
    public Instant? ReadyAt { get; private set; }
    public Instant? PickupDeadline { get; private set; }
    public Instant? CollectedAt { get; private set; }
    public Instant? DeliveredAt { get; private set; }
    public Instant? ExpiredAt { get; private set; }
    public Instant? CancelledAt { get; private set; }
    public Instant? RejectedAt { get; private set; }
    public RejectionReason? RejectionReason { get; private set; }

    /// <summary>The rejected fulfilment this one took over from (a re-route, or the rest kept at the origin), else null.</summary>
    public Guid? ReplacesFulfilmentId { get; private set; }

    /// <summary>Whole minutes from the order being placed to this pickup being ready (for analytics).</summary>
    public int? MinutesToReady { get; private set; }

    internal void NoteMinutesToReady(Instant placedAt)
    {
        if (ReadyAt is { } ready && MinutesToReady is null) MinutesToReady = (int)Math.Floor((ready - placedAt).TotalMinutes);
    }

    public IReadOnlyList<FulfilmentLine> Lines => _lines;
    /// <summary>The routing decision as the fulfilment shows it: the chosen locations and the <see cref="NearestOthersKept"/> nearest
    /// others (every candidate when there are no more), each with its distance and why it was or was not chosen.</summary>
    public IReadOnlyList<CandidateDecision> Candidates { get; private set; } = [];

    public const int NearestOthersKept = 10;

    /// <summary>How many locations the decision considered (0 in rows from before it was recorded: see <see cref="CandidatesConsidered"/>).</summary>
    public int CandidateCount { get; private set; }

    public int CandidatesConsidered => Math.Max(CandidateCount, Candidates.Count);

    /// <summary>Every candidate, when <see cref="Candidates"/> is trimmed (else null). Not loaded with the fulfilment.</summary>
    public FulfilmentRouting? FullRouting { get; private set; }
    public IReadOnlyList<StockQuantity> Quantities => _lines.Select(l => new StockQuantity(l.Sku, l.Quantity)).ToList();

    /// <summary>Where the goods are held right now: the pickup store once a transfer has arrived, else the origin.</summary>
    public string StockLocationCode => Type == FulfilmentType.TransferToPickup && ReceivedAt is not null ? DestinationLocationCode! : OriginLocationCode;

    /// <summary>The store the customer collects at (pickup and transfer), else null.</summary>
    public string? PickupLocationCode => Type == FulfilmentType.Delivery ? null : DestinationLocationCode;

    public bool IsEnded => Status is FulfilmentStatus.Collected or FulfilmentStatus.Delivered or FulfilmentStatus.Expired or FulfilmentStatus.Cancelled
        or FulfilmentStatus.Rejected;

    public GeoPoint Destination => new(DestinationLatitude, DestinationLongitude);

    public bool CanBeCancelled => Status is FulfilmentStatus.Allocated or FulfilmentStatus.ReadyForPickup;

    /// <summary>A till sale: handed over as it is made.</summary>
    internal void HandOverAtTill(Instant now)
    {
        Require(Type == FulfilmentType.InStore && Status == FulfilmentStatus.Allocated, "be handed over at the till");
        Status = FulfilmentStatus.Collected;
        CollectedAt = now;
    }

    /// <summary>Picked and waiting at the store, with the deadline to collect.</summary>
    internal void MarkReady(Instant now, Instant deadline)
    {
        Require(Type == FulfilmentType.Pickup && Status == FulfilmentStatus.Allocated, "ready");
        Status = FulfilmentStatus.ReadyForPickup;
        ReadyAt = now;
        PickupDeadline = deadline;
    }

    /// <summary>A transfer arrived at the pickup store: it is waiting there for the customer.</summary>
    internal void Receive(Instant now, Instant deadline)
    {
        Require(Type == FulfilmentType.TransferToPickup && Status == FulfilmentStatus.InTransit, "receive");
        Status = FulfilmentStatus.ReadyForPickup;
        ReceivedAt = now;
        ReadyAt = now;
        PickupDeadline = deadline;
    }

    internal void Collect(Instant now)
    {
        Require(Type != FulfilmentType.Delivery && Status == FulfilmentStatus.ReadyForPickup, "collect");
        Status = FulfilmentStatus.Collected;
        CollectedAt = now;
    }

    /// <summary>A delivery leaves for the customer, or a transfer leaves for the pickup store.</summary>
    internal void Ship(Instant now)
    {
        Require(Type != FulfilmentType.Pickup && Status == FulfilmentStatus.Allocated, "ship");
        Status = Type == FulfilmentType.Delivery ? FulfilmentStatus.Shipped : FulfilmentStatus.InTransit;
        ShippedAt = now;
    }

    internal void Deliver(Instant now)
    {
        Require(Type == FulfilmentType.Delivery && Status == FulfilmentStatus.Shipped, "deliver");
        Status = FulfilmentStatus.Delivered;
        DeliveredAt = now;
    }

    /// <summary>Not collected in time.</summary>
    internal void Expire(Instant now)
    {
        Require(Status == FulfilmentStatus.ReadyForPickup && PickupDeadline <= now, "expire");
        Status = FulfilmentStatus.Expired;
        ExpiredAt = now;
    }

    internal void Cancel(Instant now)
    {
        Require(CanBeCancelled, "cancel");
        Status = FulfilmentStatus.Cancelled;
        CancelledAt = now;
    }

    /// <summary>The origin gives it back, whole (<paramref name="rejected"/> holds what it could not send; the order keeps the
    /// rest in a new fulfilment). Only while allocated: once picked, shipped or collected the goods have been found.</summary>
    internal void Reject(RejectionReason reason, IReadOnlyDictionary<string, int> rejected, Instant now)
    {
        Require(Status == FulfilmentStatus.Allocated, "be rejected");
        Status = FulfilmentStatus.Rejected;
        RejectionReason = reason;
        RejectedAt = now;
        foreach (var line in _lines) line.Reject(rejected.GetValueOrDefault(line.Sku));
    }

    private void Require(bool allowed, string step)
    {
        if (!allowed)
            throw new DomainException("invalid_transition",
                $"A {Type.ToSnakeCase()} fulfilment that is {Status.ToSnakeCase()} cannot {step}.");
    }
}

public sealed class FulfilmentLine
{
    private FulfilmentLine() { } // EF Core

    public FulfilmentLine(string sku, int quantity)
    {
        Sku = sku;
        Quantity = quantity;
    }

    public string Sku { get; private set; } = null!;
    public int Quantity { get; private set; }

    /// <summary>Units the origin could not send (0 unless the fulfilment was rejected).</summary>
    public int RejectedQuantity { get; private set; }

    internal void Reject(int quantity) => RejectedQuantity = quantity;
}
