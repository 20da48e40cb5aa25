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
        await new FulfilmentSteps(db, user, ledger).RunAsync(command.Id, f => f.PickupLocationCode,
            (order, f) => { order.Collect(f.Id, clock.GetCurrentInstant()); return Task.CompletedTask; },
            (order, f) => new StockMoves().SellReserved(f.StockLocationCode, f.Quantities, order.StockReference), ct, ApiRole.Pos);
}
