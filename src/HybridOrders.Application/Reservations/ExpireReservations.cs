using HybridOrders.Application.Common;
using HybridOrders.Domain.Reservations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Reservations;

/// <summary>The ids of active holds whose time is up, oldest first.</summary>
public sealed record ListDueReservations(int BatchSize) : IQuery<IReadOnlyList<Guid>>;

public sealed class ListDueReservationsHandler(IHybridOrdersDbContext db, IClock clock) : IQueryHandler<ListDueReservations, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(ListDueReservations query, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        return await db.Reservations.AsNoTracking()
            .Where(r => r.Status == ReservationStatus.Active && r.ExpiresAt <= now)
            .OrderBy(r => r.ExpiresAt).Select(r => r.Id).Take(query.BatchSize).ToListAsync(ct);
    }
}

/// <summary>Expires one hold whose time is up and gives its stock back. Safe when several instances race:
/// the version check lets exactly one of them expire it; the others are refused and roll back.</summary>
public sealed record ExpireReservation(Guid Id) : ICommand<bool>;

public sealed class ExpireReservationHandler(IHybridOrdersDbContext db, IStockLedger ledger, IClock clock)
    : ICommandHandler<ExpireReservation, bool>
{
    public async ValueTask<bool> Handle(ExpireReservation command, CancellationToken ct)
    {
        var reservation = await ReservationTransitions.LoadAsync(db, command.Id, ct);
        var now = clock.GetCurrentInstant();
        if (reservation.Status != ReservationStatus.Active || now < reservation.ExpiresAt) return false;
        reservation.Expire(now);
        await ReservationTransitions.SaveAsync(db, reservation, ct);
        await ledger.ReleaseAsync(reservation.LocationCode, reservation.Quantities, ReservationReference.For(reservation.Id) + ":expired", ct);
        return true;
    }
}
