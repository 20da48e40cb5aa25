using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Locations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Locations;

public sealed record ListLocations(LocationKind? Kind, int? Limit, string? Cursor) : IQuery<Page<LocationResponse>>;

public sealed class ListLocationsValidator : AbstractValidator<ListLocations>
{
    public ListLocationsValidator()
    {
        RuleFor(x => x.Limit).IsPageLimit();
        RuleFor(x => x.Cursor).IsCursor();
    }
}

public sealed class ListLocationsHandler(IHybridOrdersDbContext db) : IQueryHandler<ListLocations, Page<LocationResponse>>
{
    public async ValueTask<Page<LocationResponse>> Handle(ListLocations query, CancellationToken ct)
    {
        var limit = query.Limit ?? Paging.DefaultLimit;
        Paging.TryDecode(query.Cursor, out var after);
        var q = db.Locations.AsNoTracking();
        if (query.Kind is { } kind) q = q.Where(l => l.Kind == kind);
        if (after is not null) q = q.Where(l => string.Compare(l.Code, after) > 0);
        var fetched = await q.OrderBy(l => l.Code).Take(limit + 1).ToListAsync(ct);
        return Paging.ToPage(fetched, limit, l => l.Code, LocationResponse.From);
    }
}
