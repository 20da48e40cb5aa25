using HybridOrders.Application.Orders;
using HybridOrders.Domain.Orders;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Fulfilments;

/// <summary>A delivery leaves its origin for the customer (a sale there), or a transfer leaves for the pickup store (transfer_out).</summary>
public sealed record ShipFulfilment(Guid Id) : ICommand<FulfilmentResponse>;

public sealed class ShipFulfilmentHandler(IHybridOrdersDbContext db, ICurrentUser user, IStockLedger ledger, IClock clock)
    : ICommandHandler<ShipFulfilment, FulfilmentResponse>
{
    public async ValueTask<FulfilmentResponse> Handle(ShipFulfilment command, CancellationToken ct) =>
        await new FulfilmentSteps(db, user, ledger).RunAsync(command.Id, f => f.OriginLocationCode,
            (order, f) => { order.Ship(f.Id, clock.GetCurrentInstant()); return Task.CompletedTask; },
            (order, f) => f.Type == FulfilmentType.Delivery
                ? new StockMoves().SellReserved(f.OriginLocationCode, f.Quantities, order.StockReference)
                : new StockMoves().TransferOut(f.OriginLocationCode, f.Quantities, order.StockReference),
            ct, ApiRole.Pos, ApiRole.Logistics);
}
