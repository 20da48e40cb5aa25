using HybridOrders.Application.Common;
using HybridOrders.Application.Orders;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Fulfilments;

/// <summary>The customer collected the order at the store: the held units are sold there.</summary>
public sealed record CollectPickup(Guid Id) : ICommand<FulfilmentResponse>;

public sealed class CollectPickupHandler(IHybridOrdersDbContext db, ICurrentUser user, IStockLedger ledger, IClock clock)
    : ICommandHandler<CollectPickup, FulfilmentResponse>
{
    public async ValueTask<FulfilmentResponse> Handle(CollectPickup command, CancellationToken ct) =>
        await new FulfilmentSteps(db, user).RunAsync(command.Id, f => f.PickupLocationCode,
            f => { f.Collect(clock.GetCurrentInstant()); return Task.CompletedTask; },
            (f, reference) => ledger.SellReservedAsync(f.StockLocationCode, f.Quantities, reference, ct), ct, ApiRole.Pos);
}
