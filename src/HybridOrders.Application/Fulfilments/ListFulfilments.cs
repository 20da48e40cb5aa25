using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Application.Orders;
using HybridOrders.Domain.Orders;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Fulfilments;

/// <summary>What logistics staff and stores watch, newest first: by location (origin or destination), status and type.
/// A POS key sees only fulfilments that start or end at its store.</summary>
public sealed record ListFulfilments(string? LocationCode, FulfilmentStatus? Status, FulfilmentType? Type, int? Limit, string? Cursor)
    : IQuery<Page<FulfilmentResponse>>;

public sealed class ListFulfilmentsValidator : AbstractValidator<ListFulfilments>
{
    public ListFulfilmentsValidator()
    {
        RuleFor(x => x.LocationCode).IsCode().When(x => x.LocationCode is not null);
        RuleFor(x => x.Limit).IsPageLimit();
        RuleFor(x => x.Cursor).IsCursor(k => TimeKeyset.TryParse(Paging.Encode(k), out _, out _));
    }
}

public sealed class ListFulfilmentsHandler(IHybridOrdersDbContext db, ICurrentUser user) : IQueryHandler<ListFulfilments, Page<FulfilmentResponse>>
{
    public async ValueTask<Page<FulfilmentResponse>> Handle(ListFulfilments query, CancellationToken ct)
    {
        if (query.LocationCode is not null) user.EnsureCanActAt(query.LocationCode);
        var location = user.Role == ApiRole.Pos ? user.LocationCode : query.LocationCode;
        var limit = query.Limit ?? Paging.DefaultLimit;

        var q = from f in db.Fulfilments.AsNoTracking()
                join o in db.Orders.AsNoTracking() on f.OrderId equals o.Id
                select new { F = f, o.Number };
        if (location is not null) q = q.Where(x => x.F.OriginLocationCode == location || x.F.DestinationLocationCode == location);
        if (query.Status is { } status) q = q.Where(x => x.F.Status == status);
        if (query.Type is { } type) q = q.Where(x => x.F.Type == type);
        if (query.Cursor is not null && TimeKeyset.TryParse(query.Cursor, out var at, out var code))
            q = q.Where(x => x.F.CreatedAt < at || (x.F.CreatedAt == at && string.Compare(x.F.Code, code) < 0));
        var fetched = await q.OrderByDescending(x => x.F.CreatedAt).ThenByDescending(x => x.F.Code).Take(limit + 1).ToListAsync(ct);
        return Paging.ToPage(fetched, limit, x => TimeKeyset.Key(x.F.CreatedAt, x.F.Code), x => FulfilmentResponse.From(x.F, x.Number));
    }
}
