using HybridOrders.Application.Common;
using HybridOrders.Application.Orders;
using HybridOrders.Domain.Orders;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Fulfilments;

/// <summary>The ids of pickups waiting past their deadline, oldest deadline first.</summary>
public sealed record ListDuePickups(int BatchSize) : IQuery<IReadOnlyList<Guid>>;

public sealed class ListDuePickupsHandler(IHybridOrdersDbContext db, IClock clock) : IQueryHandler<ListDuePickups, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(ListDuePickups query, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        return await db.Fulfilments.AsNoTracking()
            .Where(f => f.Status == FulfilmentStatus.ReadyForPickup && f.PickupDeadline <= now)
            .OrderBy(f => f.PickupDeadline).Select(f => f.Id).Take(query.BatchSize).ToListAsync(ct);
    }
}

/// <summary>A pickup not collected by its deadline expires and its units are available again at the store.
/// Safe when several instances race: the order's version lets exactly one of them do it.</summary>
public sealed record ExpirePickup(Guid Id) : ICommand<bool>;

public sealed class ExpirePickupHandler(IHybridOrdersDbContext db, IStockLedger ledger, IClock clock, Promotions.PromotionRedemption promotions)
    : ICommandHandler<ExpirePickup, bool>
{
    public async ValueTask<bool> Handle(ExpirePickup command, CancellationToken ct)
    {
        var order = await OrderTransitions.LoadByFulfilmentAsync(db, command.Id, ct);
        var fulfilment = order.FulfilmentOf(command.Id);
        var now = clock.GetCurrentInstant();
        if (fulfilment.Status != FulfilmentStatus.ReadyForPickup || fulfilment.PickupDeadline > now) return false;
        order.ExpirePickup(command.Id, now);
        await OrderTransitions.SaveAsync(db, order, ct);
        await promotions.GiveBackAsync(order, ct); // the whole order expired: its promo redemption comes back
        await ledger.ReleaseAsync(fulfilment.StockLocationCode, fulfilment.Quantities, $"{order.StockReference}:expired", ct);
        return true;
    }
}
