using HybridOrders.Domain.Reservations;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Reservations;

/// <summary>Loading a reservation to change it, and saving a transition so that of two racing transitions only one wins.</summary>
internal static class ReservationTransitions
{
    public static async Task<Reservation> LoadAsync(IHybridOrdersDbContext db, Guid id, CancellationToken ct) =>
        await db.Reservations.FirstOrDefaultAsync(r => r.Id == id, ct)
        ?? throw new NotFoundException("Reservation", id.ToString());

    /// <summary>Saves the status change first, guarded by the version it was loaded with, before any stock moves.</summary>
    public static Task SaveAsync(IHybridOrdersDbContext db, Reservation reservation, CancellationToken ct) =>
        db.SaveOrRefuseAsync("reservation_not_active",
            $"Reservation {reservation.Id} was changed by another request at the same time; it is no longer active.", ct);
}
