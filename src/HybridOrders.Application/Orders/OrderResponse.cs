using HybridOrders.Application.Reservations;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Routing;
using NodaTime;
using NodaTime.Text;

namespace HybridOrders.Application.Orders;

/// <summary>A line as bought; <c>cancelledQuantity</c>/<c>cancelledAmount</c>: units no location could supply after a reject, and
/// what was not charged for them (the order's totals are net of it).</summary>
public sealed record OrderLineResponse(string Sku, int Quantity, decimal UnitPrice, decimal Discount, decimal LineTotal, int CancelledQuantity,
    decimal CancelledAmount);

public sealed record OrderResponse(
    Guid Id,
    string Number,
    OrderStatus Status,
    SalesChannel Channel,
    CustomerDto Customer,
    IReadOnlyList<OrderLineResponse> Lines,
    decimal Subtotal,
    decimal Discount,
    decimal Total,
    string Currency,
    string? PromoCode,
    Instant PlacedAt,
    Instant? CancelledAt,
    IReadOnlyList<FulfilmentResponse> Fulfilments)
{
    public static OrderResponse From(Order o) => new(
        o.Id, o.Number, o.Status, o.Channel, CustomerDto.From(o.Customer),
        o.Lines.Select(l => new OrderLineResponse(l.Sku, l.Quantity, l.UnitPrice, l.Discount, l.LineTotal, l.CancelledQuantity, l.CancelledAmount)).ToList(),
        o.Subtotal, o.Discount, o.Total, o.Currency, o.PromoCode, o.PlacedAt, o.CancelledAt,
        o.Fulfilments.OrderBy(f => f.Code, StringComparer.Ordinal).Select(f => FulfilmentResponse.From(f, o.Number)).ToList());
}

public sealed record DestinationResponse(string? LocationCode, AddressDto? Address, double Latitude, double Longitude);

/// <summary>A store-local moment: what a customer is told ("collect by Thursday 20:00"), with the store's IANA zone.</summary>
public sealed record LocalMoment(string LocalDateTime, string TimeZone)
{
    private static readonly LocalDateTimePattern Pattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    public static LocalMoment? From(Instant? instant, string? zoneId) =>
        instant is { } i && zoneId is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is { } zone
            ? new LocalMoment(Pattern.Format(i.InZone(zone).LocalDateTime), zoneId)
            : null;
}

/// <summary>A routing decision. On a fulfilment (and an order), <c>candidates</c> holds the chosen locations and the ten nearest
/// others, <c>candidateCount</c> how many were considered; <c>GET /fulfilments/{id}/routing</c> lists every candidate.</summary>
public sealed record RoutingResponse(string Strategy, IReadOnlyList<CandidateDecision> Candidates, int CandidateCount);

/// <summary>A line; <c>rejectedQuantity</c> only on a rejected fulfilment: the units its origin could not send.</summary>
public sealed record FulfilmentLineResponse(string Sku, int Quantity, int? RejectedQuantity);

public sealed record FulfilmentResponse(
    Guid Id,
    string Code,
    Guid OrderId,
    string OrderNumber,
    FulfilmentType Type,
    FulfilmentStatus Status,
    string OriginLocationCode,
    DestinationResponse Destination,
    double DistanceKm,
    IReadOnlyList<FulfilmentLineResponse> Lines,
    Instant CreatedAt,
    Instant? ShippedAt,
    Instant? ReceivedAt,
    Instant? ReadyAt,
    Instant? PickupDeadline,
    LocalMoment? PickupDeadlineLocal,
    Instant? CollectedAt,
    Instant? DeliveredAt,
    Instant? ExpiredAt,
    Instant? CancelledAt,
    RoutingResponse Routing,
    Instant? RejectedAt,
    RejectionReason? RejectionReason,
    Guid? ReplacesFulfilmentId)
{
    public static FulfilmentResponse From(Fulfilment f, string orderNumber) => new(
        f.Id, f.Code, f.OrderId, orderNumber, f.Type, f.Status, f.OriginLocationCode,
        new DestinationResponse(f.DestinationLocationCode,
            f.DestinationAddress is { } a ? new AddressDto(a.Line1, a.City, a.PostalCode, a.Country, f.DestinationLatitude, f.DestinationLongitude) : null,
            f.DestinationLatitude, f.DestinationLongitude),
        f.DistanceKm, f.Lines.Select(l => new FulfilmentLineResponse(l.Sku, l.Quantity, f.Status == FulfilmentStatus.Rejected ? l.RejectedQuantity : null)).ToList(),
        f.CreatedAt, f.ShippedAt, f.ReceivedAt, f.ReadyAt, f.PickupDeadline, LocalMoment.From(f.PickupDeadline, f.PickupTimeZone),
        f.CollectedAt, f.DeliveredAt, f.ExpiredAt, f.CancelledAt, new RoutingResponse(f.RoutingStrategy, f.Candidates, f.CandidatesConsidered),
        f.RejectedAt, f.RejectionReason, f.ReplacesFulfilmentId);
}
