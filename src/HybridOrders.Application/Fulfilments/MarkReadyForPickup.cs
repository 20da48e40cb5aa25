using HybridOrders.Application.Common;
using HybridOrders.Application.Orders;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Fulfilments;

/// <summary>The store has picked the order and it waits for the customer, who has until the pickup deadline.</summary>
public sealed record MarkReadyForPickup(Guid Id) : ICommand<FulfilmentResponse>;

public sealed class MarkReadyForPickupHandler(IHybridOrdersDbContext db, ICurrentUser user, IClock clock, FulfilmentSettings settings)
    : ICommandHandler<MarkReadyForPickup, FulfilmentResponse>
{
    public async ValueTask<FulfilmentResponse> Handle(MarkReadyForPickup command, CancellationToken ct)
    {
        var steps = new FulfilmentSteps(db, user);
        var now = clock.GetCurrentInstant();
        return await steps.RunAsync(command.Id, f => f.PickupLocationCode,
            async f => f.MarkReady(now, await steps.DeadlineAsync(f, now, settings.PickupDays, ct)),
            (_, _) => Task.CompletedTask, ct, ApiRole.Pos);
    }
}
