using HybridOrders.Application.Common;
using HybridOrders.Application.Orders;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Fulfilments;

public sealed record GetFulfilment(Guid Id) : IQuery<FulfilmentResponse>;

public sealed class GetFulfilmentHandler(IHybridOrdersDbContext db, ICurrentUser user) : IQueryHandler<GetFulfilment, FulfilmentResponse>
{
    public async ValueTask<FulfilmentResponse> Handle(GetFulfilment query, CancellationToken ct)
    {
        var row = await (from f in db.Fulfilments.AsNoTracking()
                         join o in db.Orders.AsNoTracking() on f.OrderId equals o.Id
                         where f.Id == query.Id
                         select new { Fulfilment = f, o.Number }).FirstOrDefaultAsync(ct)
                  ?? throw new NotFoundException("Fulfilment", query.Id.ToString());
        if (user.Role == ApiRole.Pos && row.Fulfilment.OriginLocationCode != user.LocationCode && row.Fulfilment.DestinationLocationCode != user.LocationCode)
            throw new ForbiddenAccessException($"This POS key is bound to location '{user.LocationCode}', which this fulfilment does not touch.");
        return FulfilmentResponse.From(row.Fulfilment, row.Number);
    }
}
