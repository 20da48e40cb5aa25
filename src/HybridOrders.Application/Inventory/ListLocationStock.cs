using FluentValidation;
using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Inventory;

/// <summary>Every stock line of one location, by SKU: what a store has on its shelves, held and free.</summary>
public sealed record ListLocationStock(string LocationCode, int? Limit, string? Cursor) : IQuery<Page<StockLineResponse>>;

public sealed class ListLocationStockValidator : AbstractValidator<ListLocationStock>
{
    public ListLocationStockValidator()
    {
        RuleFor(x => x.Limit).IsPageLimit();
        RuleFor(x => x.Cursor).IsCursor();
    }
}

public sealed class ListLocationStockHandler(IHybridOrdersDbContext db, ICurrentUser user) : IQueryHandler<ListLocationStock, Page<StockLineResponse>>
{
    public async ValueTask<Page<StockLineResponse>> Handle(ListLocationStock query, CancellationToken ct)
    {
        user.EnsureCanActAt(query.LocationCode);
        if (!await db.Locations.AnyAsync(l => l.Code == query.LocationCode, ct)) throw new NotFoundException("Location", query.LocationCode);
        var limit = query.Limit ?? Paging.DefaultLimit;
        Paging.TryDecode(query.Cursor, out var after);
        var q = db.StockLines.AsNoTracking().Where(s => s.LocationCode == query.LocationCode);
        if (after is not null) q = q.Where(s => string.Compare(s.Sku, after) > 0);
        var fetched = await q.OrderBy(s => s.Sku).Take(limit + 1).ToListAsync(ct);
        return Paging.ToPage(fetched, limit, s => s.Sku, StockLineResponse.From);
    }
}
