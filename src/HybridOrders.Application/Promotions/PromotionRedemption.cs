using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Promotions;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Promotions;

/// <summary>A promo code that cannot be used, with the reason (422 <c>promo_code_invalid</c>).</summary>
public sealed class PromoCodeInvalidException(string code, PromoRefusal refusal)
    : DomainException("promo_code_invalid", $"Promo code '{code}' cannot be used: {refusal.Reason}.", RefusalKind.Unprocessable)
{
    public override IReadOnlyDictionary<string, object?> Extensions =>
        new Dictionary<string, object?> { ["reason"] = refusal.Reason, ["reasonCode"] = refusal.Code };
}

/// <summary>Applies a promo code to an order's lines, the same way in every channel: the discount is spread over the lines
/// in proportion to their totals, to the cent; the redemption is counted by a conditional update, so a capped code
/// cannot be used more often than allowed even by orders placed at the same moment.</summary>
public sealed class PromotionRedemption(IHybridOrdersDbContext db)
{
    public async Task<(string? Code, IReadOnlyList<decimal> Discounts)> RedeemAsync(string? promoCode, IReadOnlyList<decimal> lineTotals,
        Instant now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(promoCode)) return (null, lineTotals.Select(_ => 0m).ToList());
        var code = Promotion.Normalize(promoCode);
        var promotion = await db.Promotions.AsNoTracking().FirstOrDefaultAsync(p => p.Code == code, ct)
                        ?? throw new PromoCodeInvalidException(code, new PromoRefusal("unknown", "unknown code"));
        var subtotal = lineTotals.Sum();
        if (promotion.RefusalReason(now, subtotal) is { } reason) throw new PromoCodeInvalidException(code, reason);

        var counted = await db.Promotions
            .Where(p => p.Code == code && (p.MaxRedemptions == null || p.Redemptions < p.MaxRedemptions))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Redemptions, p => p.Redemptions + 1), ct);
        if (counted == 0) throw new PromoCodeInvalidException(code, promotion.Exhausted());

        return (code, Money.Allocate(promotion.DiscountOn(subtotal), lineTotals));
    }

    /// <summary>A whole order was cancelled or expired: its redemption is given back (never below zero). A partly cancelled
    /// order keeps it. Call before any stock moves (lock order: promotions before stock lines).</summary>
    public async Task GiveBackAsync(Domain.Orders.Order order, CancellationToken ct)
    {
        if (order.PromoCode is not { } code || order.Status is not (Domain.Orders.OrderStatus.Cancelled or Domain.Orders.OrderStatus.Expired)) return;
        await db.Promotions.Where(p => p.Code == code && p.Redemptions > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Redemptions, p => p.Redemptions - 1), ct);
    }
}
