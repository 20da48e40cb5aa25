using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Locations;

public sealed record GetLocation(string Code) : IQuery<LocationResponse>;

public sealed class GetLocationHandler(IHybridOrdersDbContext db) : IQueryHandler<GetLocation, LocationResponse>
{
    public async ValueTask<LocationResponse> Handle(GetLocation query, CancellationToken ct)
    {
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Code == query.Code, ct)
                       ?? throw new NotFoundException("Location", query.Code);
        return LocationResponse.From(location);
    }
}
