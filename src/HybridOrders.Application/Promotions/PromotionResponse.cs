using HybridOrders.Domain.Promotions;
using NodaTime;

namespace HybridOrders.Application.Promotions;

public sealed record PromotionResponse(string Code, PromotionKind Kind, decimal Value, Instant StartsAt, Instant EndsAt,
    decimal? MinimumOrderTotal, int? MaxRedemptions, int Redemptions, string Currency, Instant CreatedAt)
{
    public static PromotionResponse From(Promotion p, string currency) => new(p.Code, p.Kind, p.Value, p.StartsAt, p.EndsAt,
        p.MinimumOrderTotal, p.MaxRedemptions, p.Redemptions, currency, p.CreatedAt);
}
