using FluentValidation;
using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Catalog;

public sealed record ListProducts(int? Limit, string? Cursor) : IQuery<Page<ProductResponse>>;

public sealed class ListProductsValidator : AbstractValidator<ListProducts>
{
    public ListProductsValidator()
    {
        RuleFor(x => x.Limit).IsPageLimit();
        RuleFor(x => x.Cursor).IsCursor();
    }
}

public sealed class ListProductsHandler(IHybridOrdersDbContext db, ShopSettings shop) : IQueryHandler<ListProducts, Page<ProductResponse>>
{
    public async ValueTask<Page<ProductResponse>> Handle(ListProducts query, CancellationToken ct)
    {
        var limit = query.Limit ?? Paging.DefaultLimit;
        Paging.TryDecode(query.Cursor, out var after);
        var q = db.Products.AsNoTracking();
        if (after is not null) q = q.Where(p => string.Compare(p.Sku, after) > 0);
        var fetched = await q.OrderBy(p => p.Sku).Take(limit + 1).ToListAsync(ct);
        return Paging.ToPage(fetched, limit, p => p.Sku, p => ProductResponse.From(p, shop.Currency));
    }
}
