using HybridOrders.Application.Common;
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
        await new FulfilmentSteps(db, user).RunAsync(command.Id, f => f.OriginLocationCode,
            f => { f.Ship(clock.GetCurrentInstant()); return Task.CompletedTask; },
            (f, reference) => f.Type == FulfilmentType.Delivery
                ? ledger.SellReservedAsync(f.OriginLocationCode, f.Quantities, reference, ct)
                : ledger.TransferOutAsync(f.OriginLocationCode, f.Quantities, reference, ct),
            ct, ApiRole.Pos, ApiRole.Logistics);
}
