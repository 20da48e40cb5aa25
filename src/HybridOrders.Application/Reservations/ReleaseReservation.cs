using HybridOrders.Application.Common;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Reservations;

/// <summary>The hold is given up: its units are available again.</summary>
public sealed record ReleaseReservation(Guid Id) : ICommand<ReservationResponse>;

public sealed class ReleaseReservationHandler(IHybridOrdersDbContext db, IStockLedger ledger, IClock clock, ICurrentUser user)
    : ICommandHandler<ReleaseReservation, ReservationResponse>
{
    public async ValueTask<ReservationResponse> Handle(ReleaseReservation command, CancellationToken ct)
    {
        var reservation = await ReservationTransitions.LoadAsync(db, command.Id, ct);
        user.EnsureCanActAt(reservation.LocationCode);
        reservation.Release(clock.GetCurrentInstant());
        await ReservationTransitions.SaveAsync(db, reservation, ct);
        await ledger.ReleaseAsync(reservation.LocationCode, reservation.Quantities, ReservationReference.For(reservation.Id), ct);
        return ReservationResponse.From(reservation);
    }
}
