namespace HybridOrders.Domain.Common;

/// <summary>Something that happened to an aggregate that clients may want to react to. It becomes an outbox row
/// in the same transaction as the change (see Infrastructure/Outbox), so there is no event without its change and
/// no change without its event.</summary>
public interface IDomainEvent
{
    /// <summary>The public event type, e.g. <c>reservation.created</c> (see <see cref="EventTypes"/>).</summary>
    string Type { get; }
}

/// <summary>An aggregate that collects the events its transitions raise until they are saved.</summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _domainEvents = [];

    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    public void ClearDomainEvents() => _domainEvents.Clear();
}

/// <summary>Every event type of the contract ("Events: feed and webhooks").</summary>
public static class EventTypes
{
    public const string OrderPlaced = "order.placed";
    public const string OrderCancelled = "order.cancelled";
    public const string OrderCompleted = "order.completed";
    public const string FulfilmentReadyForPickup = "fulfilment.ready_for_pickup";
    public const string FulfilmentCollected = "fulfilment.collected";
    public const string FulfilmentShipped = "fulfilment.shipped";
    public const string FulfilmentDelivered = "fulfilment.delivered";
    public const string FulfilmentExpired = "fulfilment.expired";
    public const string FulfilmentRejected = "fulfilment.rejected";
    public const string FulfilmentRerouted = "fulfilment.rerouted";
    public const string ReservationCreated = "reservation.created";
    public const string ReservationFulfilled = "reservation.fulfilled";
    public const string ReservationReleased = "reservation.released";
    public const string ReservationExpired = "reservation.expired";
    public const string StockLow = "stock.low";
    public const string StockBackInStock = "stock.back_in_stock";
    public const string ReturnAccepted = "return.accepted";

    public static readonly IReadOnlyList<string> All =
    [
        OrderPlaced, OrderCancelled, OrderCompleted, FulfilmentReadyForPickup, FulfilmentCollected, FulfilmentShipped,
        FulfilmentDelivered, FulfilmentExpired, FulfilmentRejected, FulfilmentRerouted, ReservationCreated, ReservationFulfilled,
        ReservationReleased, ReservationExpired, StockLow, StockBackInStock, ReturnAccepted,
    ];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
