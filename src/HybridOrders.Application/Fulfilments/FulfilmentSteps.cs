using HybridOrders.Application.Orders;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Routing;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Fulfilments;

/// <summary>What every step does: load the order, check who may act where, take the step through the order (which guards the
/// fulfilment's transition and derives its own status), save (version-checked), then move the stock. POS keys act only at
/// their own store; logistics keys only ship and deliver.</summary>
internal sealed class FulfilmentSteps(IHybridOrdersDbContext db, ICurrentUser user, IStockLedger ledger)
{
    public async Task<FulfilmentResponse> RunAsync(Guid fulfilmentId, Func<Fulfilment, string?> actingLocation,
        Func<Order, Fulfilment, Task> step, Func<Order, Fulfilment, StockMoves>? stock, CancellationToken ct, params ApiRole[] roles)
    {
        if (user.Role is { } role && !roles.Contains(role) && role != ApiRole.Admin)
            throw new ForbiddenAccessException($"The role '{role.ToString().ToLowerInvariant()}' may not take this step.");
        var order = await OrderTransitions.LoadByFulfilmentAsync(db, fulfilmentId, ct);
        var fulfilment = order.FulfilmentOf(fulfilmentId);
        if (actingLocation(fulfilment) is { } location) user.EnsureCanActAt(location);
        else if (user.Role == ApiRole.Pos) throw new ForbiddenAccessException("A POS key cannot take this step.");

        await step(order, fulfilment);
        await OrderTransitions.SaveAsync(db, order, ct);
        if (stock?.Invoke(order, fulfilment) is { IsEmpty: false } moves) await ledger.ApplyAsync(moves, ct);
        return FulfilmentResponse.From(fulfilment, order.Number);
    }

    /// <summary>readyAt + pickup days, at the pickup store's closing time, in its own time zone.</summary>
    public async Task<Instant> DeadlineAsync(Fulfilment f, Instant readyAt, int pickupDays, CancellationToken ct)
    {
        var store = await db.Locations.AsNoTracking().FirstAsync(l => l.Code == f.PickupLocationCode, ct);
        return PickupDeadline.For(readyAt, pickupDays, DateTimeZoneProviders.Tzdb[store.TimeZoneId], store.OpeningHours);
    }
}
