using HybridOrders.Application.Catalog;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Promotions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Promotions;

public sealed record GetPromotion(string Code) : IQuery<PromotionResponse>;

public sealed class GetPromotionHandler(IHybridOrdersDbContext db, ShopSettings shop) : IQueryHandler<GetPromotion, PromotionResponse>
{
    public async ValueTask<PromotionResponse> Handle(GetPromotion query, CancellationToken ct)
    {
        var code = Promotion.Normalize(query.Code);
        var promotion = await db.Promotions.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, ct)
                        ?? throw new NotFoundException("Promotion", code);
        return PromotionResponse.From(promotion, shop.Currency);
    }
}
