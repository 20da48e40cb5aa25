using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Catalog;

public sealed record GetProduct(string Sku) : IQuery<ProductResponse>;

public sealed class GetProductHandler(IHybridOrdersDbContext db, ShopSettings shop) : IQueryHandler<GetProduct, ProductResponse>
{
    public async ValueTask<ProductResponse> Handle(GetProduct query, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Sku == query.Sku, ct)
                      ?? throw new NotFoundException("Product", query.Sku);
        return ProductResponse.From(product, shop.Currency);
    }
}
