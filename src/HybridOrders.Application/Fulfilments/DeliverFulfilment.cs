using HybridOrders.Application.Common;
using HybridOrders.Application.Orders;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Fulfilments;

/// <summary>The carrier handed the parcel to the customer. No stock moves: it left at shipping.</summary>
public sealed record DeliverFulfilment(Guid Id) : ICommand<FulfilmentResponse>;

public sealed class DeliverFulfilmentHandler(IHybridOrdersDbContext db, ICurrentUser user, IStockLedger ledger, IClock clock)
    : ICommandHandler<DeliverFulfilment, FulfilmentResponse>
{
    public async ValueTask<FulfilmentResponse> Handle(DeliverFulfilment command, CancellationToken ct) =>
        await new FulfilmentSteps(db, user, ledger).RunAsync(command.Id, _ => null,
            (order, f) => { order.Deliver(f.Id, clock.GetCurrentInstant()); return Task.CompletedTask; },
            stock: null, ct, ApiRole.Logistics); // the sale was booked when it shipped
}
