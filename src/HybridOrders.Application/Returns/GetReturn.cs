using System.Globalization;
using FluentValidation;
using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Returns;

public sealed record GetReturn(Guid Id) : IQuery<ReturnResponse>;

public sealed class GetReturnHandler(IHybridOrdersDbContext db) : IQueryHandler<GetReturn, ReturnResponse>
{
    public async ValueTask<ReturnResponse> Handle(GetReturn query, CancellationToken ct) =>
        ReturnResponse.From(await db.Returns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == query.Id, ct)
                            ?? throw new NotFoundException("Return", query.Id.ToString()));
}

/// <summary>Every return of one order, oldest first. Returns of one order are serialised by the order's version, so their
/// instants differ and the instant alone is the cursor.</summary>
public sealed record ListOrderReturns(Guid OrderId, int? Limit, string? Cursor) : IQuery<Page<ReturnResponse>>;

public sealed class ListOrderReturnsValidator : AbstractValidator<ListOrderReturns>
{
    public ListOrderReturnsValidator()
    {
        RuleFor(x => x.Limit).IsPageLimit();
        RuleFor(x => x.Cursor).IsCursor(k => long.TryParse(k, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
    }
}

public sealed class ListOrderReturnsHandler(IHybridOrdersDbContext db) : IQueryHandler<ListOrderReturns, Page<ReturnResponse>>
{
    public async ValueTask<Page<ReturnResponse>> Handle(ListOrderReturns query, CancellationToken ct)
    {
        if (!await db.Orders.AnyAsync(o => o.Id == query.OrderId, ct)) throw new NotFoundException("Order", query.OrderId.ToString());
        var limit = query.Limit ?? Paging.DefaultLimit;
        var q = db.Returns.AsNoTracking().Where(r => r.OrderId == query.OrderId);
        if (query.Cursor is not null && Paging.TryDecode(query.Cursor, out var key))
        {
            var after = Instant.FromUnixTimeTicks(long.Parse(key!, CultureInfo.InvariantCulture));
            q = q.Where(r => r.CreatedAt > after);
        }
        var fetched = await q.OrderBy(r => r.CreatedAt).Take(limit + 1).ToListAsync(ct);
        return Paging.ToPage(fetched, limit, r => r.CreatedAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture), ReturnResponse.From);
    }
}
