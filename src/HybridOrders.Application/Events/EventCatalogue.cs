using HybridOrders.Application.Orders;
using HybridOrders.Application.Reservations;
using HybridOrders.Application.Returns;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Reservations;
using HybridOrders.Domain.Returns;

namespace HybridOrders.Application.Events;

/// <summary>What a domain event looks like to clients: its type, its data (the resource as its GET returns it, taken when the
/// change is saved) and the locations it concerns (for POS visibility).</summary>
public sealed record OutgoingEvent(string Type, object Data, IReadOnlyList<string> LocationCodes);

/// <summary>The payload of stock events: <c>{ locationCode, sku, available }</c>.</summary>
public sealed record StockEventData(string LocationCode, string Sku, int Available);

public static class EventCatalogue
{
    public static OutgoingEvent Describe(IDomainEvent domainEvent) => domainEvent switch
    {
        ReservationEvent e => new(e.Type, ReservationResponse.From(e.Reservation), [e.Reservation.LocationCode]),
        OrderEvent e => new(e.Type, OrderResponse.From(e.Order), Sites(e.Order.Fulfilments)),
        FulfilmentEvent e => new(e.Type, FulfilmentResponse.From(e.Fulfilment, e.Order.Number), Sites([e.Fulfilment])),
        ReturnAccepted e => new(e.Type, ReturnResponse.From(e.Return), [e.Return.LocationCode]),
        _ => throw new InvalidOperationException($"No event description for {domainEvent.GetType().Name}."),
    };

    /// <summary>Every location a fulfilment touches (origin, pickup store): the POS keys that see the event.</summary>
    private static IReadOnlyList<string> Sites(IEnumerable<Fulfilment> fulfilments) =>
        fulfilments.SelectMany(f => new[] { f.OriginLocationCode, f.DestinationLocationCode }).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Which roles see which events: storefronts everything but returns; POS keys only events at their location
    /// (filtered by location, see <see cref="EventRecord.Locations"/>); admin and logistics everything.</summary>
    public static readonly IReadOnlyList<string> StorefrontPrefixes = ["order.", "fulfilment.", "reservation.", "stock."];
}
