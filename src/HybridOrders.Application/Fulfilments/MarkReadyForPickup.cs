using HybridOrders.Application.Orders;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Fulfilments;

/// <summary>The store has picked the order and it waits for the customer, who has until the pickup deadline
/// (readyAt + pickup days, at the store's closing time in its own zone). The units stay held; no stock moves.</summary>
public sealed record MarkReadyForPickup(Guid Id) : ICommand<FulfilmentResponse>;

public sealed class MarkReadyForPickupHandler(IHybridOrdersDbContext db, ICurrentUser user, IStockLedger ledger, IClock clock, FulfilmentSettings settings)
    : ICommandHandler<MarkReadyForPickup, FulfilmentResponse>
{
    public async ValueTask<FulfilmentResponse> Handle(MarkReadyForPickup command, CancellationToken ct)
    {
        var steps = new FulfilmentSteps(db, user, ledger);
        var now = clock.GetCurrentInstant();
        return await steps.RunAsync(command.Id, f => f.PickupLocationCode,
            async (order, f) => order.MarkReady(f.Id, now, await steps.DeadlineAsync(f, now, settings.PickupDays, ct)),
            stock: null, ct, ApiRole.Pos);
    }
}
