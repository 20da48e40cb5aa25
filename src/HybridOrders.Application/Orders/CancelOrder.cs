using HybridOrders.Application.Common;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Orders;

/// <summary>Cancels what is not yet collected, shipped or on its way, and gives its stock back where it is held.</summary>
public sealed record CancelOrder(Guid Id) : ICommand<OrderResponse>;

public sealed class CancelOrderHandler(IHybridOrdersDbContext db, IStockLedger ledger, IClock clock, Promotions.PromotionRedemption promotions)
    : ICommandHandler<CancelOrder, OrderResponse>
{
    public async ValueTask<OrderResponse> Handle(CancelOrder command, CancellationToken ct)
    {
        var order = await OrderTransitions.LoadAsync(db, command.Id, ct);
        var cancelled = order.Cancel(clock.GetCurrentInstant());
        await OrderTransitions.SaveAsync(db, order, ct);
        await promotions.GiveBackAsync(order, ct); // a whole order cancelled gives its promo redemption back
        // Every location's release in one call: the ledger takes them in the global lock order.
        var moves = new StockMoves();
        foreach (var f in cancelled) moves.Release(f.StockLocationCode, f.Quantities, $"{order.StockReference}:cancelled");
        await ledger.ApplyAsync(moves, ct);
        return OrderResponse.From(order);
    }
}
