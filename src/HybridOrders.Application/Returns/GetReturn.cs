using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Returns;

public sealed record GetReturn(Guid Id) : IQuery<ReturnResponse>;

public sealed class GetReturnHandler(IHybridOrdersDbContext db) : IQueryHandler<GetReturn, ReturnResponse>
{
    public async ValueTask<ReturnResponse> Handle(GetReturn query, CancellationToken ct) =>
        ReturnResponse.From(await db.Returns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.Id, ct)
                            ?? throw new NotFoundException("Return", query.Id.ToString()));
}

/// <summary>Every return of one order, oldest first.</summary>
public sealed record ListOrderReturns(Guid OrderId) : IQuery<IReadOnlyList<ReturnResponse>>;

public sealed class ListOrderReturnsHandler(IHybridOrdersDbContext db) : IQueryHandler<ListOrderReturns, IReadOnlyList<ReturnResponse>>
{
    public async ValueTask<IReadOnlyList<ReturnResponse>> Handle(ListOrderReturns query, CancellationToken ct)
    {
        if (!await db.Orders.AnyAsync(o => o.Id == query.OrderId, ct)) throw new NotFoundException("Order", query.OrderId.ToString());
        var returns = await db.Returns.AsNoTracking().Where(r => r.OrderId == query.OrderId).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        return returns.Select(ReturnResponse.From).ToList();
    }
}
