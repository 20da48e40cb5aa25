using HybridOrders.Application.Orders;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Fulfilments;

/// <summary>A transfer arrived at the pickup store: its units join the store's stock, held for the customer, and the pickup clock starts.</summary>
public sealed record ReceiveTransfer(Guid Id) : ICommand<FulfilmentResponse>;

public sealed class ReceiveTransferHandler(IHybridOrdersDbContext db, ICurrentUser user, IStockLedger ledger, IClock clock, FulfilmentSettings settings)
    : ICommandHandler<ReceiveTransfer, FulfilmentResponse>
{
    public async ValueTask<FulfilmentResponse> Handle(ReceiveTransfer command, CancellationToken ct)
    {
        var steps = new FulfilmentSteps(db, user, ledger);
        var now = clock.GetCurrentInstant();
        return await steps.RunAsync(command.Id, f => f.PickupLocationCode,
            async (order, f) => order.ReceiveTransfer(f.Id, now, await steps.DeadlineAsync(f, now, settings.PickupDays, ct)),
            (order, f) => new StockMoves().TransferInReserved(f.PickupLocationCode!, f.Quantities, order.StockReference), ct, ApiRole.Pos);
    }
}
