using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Reservations;

public sealed record GetReservation(Guid Id) : IQuery<ReservationResponse>;

public sealed class GetReservationHandler(IHybridOrdersDbContext db, ICurrentUser user) : IQueryHandler<GetReservation, ReservationResponse>
{
    public async ValueTask<ReservationResponse> Handle(GetReservation query, CancellationToken ct)
    {
        var reservation = await db.Reservations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.Id, ct)
                          ?? throw new NotFoundException("Reservation", query.Id.ToString());
        user.EnsureCanActAt(reservation.LocationCode);
        return ReservationResponse.From(reservation);
    }
}
