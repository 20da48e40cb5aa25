using HybridOrders.Domain.Common;
using HybridOrders.Domain.Reservations;
using NodaTime;

namespace HybridOrders.Application.Reservations;

public sealed record ReservationLineResponse(string Sku, int Quantity);

public sealed record ReservationResponse(
    Guid Id,
    ReservationStatus Status,
    string LocationCode,
    SalesChannel Channel,
    CustomerDto Customer,
    IReadOnlyList<ReservationLineResponse> Lines,
    Instant CreatedAt,
    Instant ExpiresAt,
    Instant? ClosedAt,
    Guid? OrderId)
{
    public static ReservationResponse From(Reservation r) => new(
        r.Id, r.Status, r.LocationCode, r.Channel, CustomerDto.From(r.Customer),
        r.Lines.Select(l => new ReservationLineResponse(l.Sku, l.Quantity)).ToList(), r.CreatedAt, r.ExpiresAt, r.ClosedAt, r.OrderId);
}
