using HybridOrders.Application.Common;
using HybridOrders.Application.Orders;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Fulfilments;

/// <summary>The carrier handed the parcel to the customer. No stock moves: it left at shipping.</summary>
public sealed record DeliverFulfilment(Guid Id) : ICommand<FulfilmentResponse>;

public sealed class DeliverFulfilmentHandler(IHybridOrdersDbContext db, ICurrentUser user, IClock clock)
    : ICommandHandler<DeliverFulfilment, FulfilmentResponse>
{
    public async ValueTask<FulfilmentResponse> Handle(DeliverFulfilment command, CancellationToken ct) =>
        await new FulfilmentSteps(db, user).RunAsync(command.Id, _ => null,
            f => { f.Deliver(clock.GetCurrentInstant()); return Task.CompletedTask; },
            (_, _) => Task.CompletedTask, ct, ApiRole.Logistics);
}
