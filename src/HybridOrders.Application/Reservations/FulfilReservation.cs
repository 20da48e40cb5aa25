using HybridOrders.Application.Common;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Reservations;

/// <summary>The customer paid at the till: the held units are sold (on-hand and reserved both fall).</summary>
public sealed record FulfilReservation(Guid Id) : ICommand<ReservationResponse>;

public sealed class FulfilReservationHandler(IHybridOrdersDbContext db, IStockLedger ledger, IClock clock, ICurrentUser user)
    : ICommandHandler<FulfilReservation, ReservationResponse>
{
    public async ValueTask<ReservationResponse> Handle(FulfilReservation command, CancellationToken ct)
    {
        var reservation = await ReservationTransitions.LoadAsync(db, command.Id, ct);
        user.EnsureCanActAt(reservation.LocationCode);
        reservation.Fulfil(clock.GetCurrentInstant());
        await ReservationTransitions.SaveAsync(db, reservation, ct);
        await ledger.SellReservedAsync(reservation.LocationCode, reservation.Quantities, ReservationReference.For(reservation.Id), ct);
        return ReservationResponse.From(reservation);
    }
}
