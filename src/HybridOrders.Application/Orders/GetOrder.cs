using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Orders;

public sealed record GetOrder(Guid Id) : IQuery<OrderResponse>;

public sealed class GetOrderHandler(IHybridOrdersDbContext db) : IQueryHandler<GetOrder, OrderResponse>
{
    public async ValueTask<OrderResponse> Handle(GetOrder query, CancellationToken ct) =>
        OrderResponse.From(await db.WithFulfilments().AsNoTracking().FirstOrDefaultAsync(o => o.Id == query.Id, ct)
                           ?? throw new NotFoundException("Order", query.Id.ToString()));
}
