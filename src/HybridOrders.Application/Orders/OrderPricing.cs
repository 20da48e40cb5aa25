using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Orders;
using NodaTime;

namespace HybridOrders.Application.Orders;

/// <summary>Prices an order the same way in every channel: catalogue prices at this moment (a client never sends one), the
/// promo code redeemed and its discount spread over the lines to the cent, and the total capped so money never overflows.</summary>
public sealed class OrderPricing(IHybridOrdersDbContext db, ShopSettings shop, Promotions.PromotionRedemption promotions)
{
    /// <summary>A new order of <paramref name="wanted"/> for <paramref name="customer"/>, priced and with its promo code redeemed;
    /// it has no fulfilment yet.</summary>
    public async Task<Order> NewOrderAsync(SalesChannel channel, CustomerRef customer, FulfilmentMode mode, IReadOnlyList<StockQuantity> wanted,
        string? promoCode, Instant now, CancellationToken ct)
    {
        var prices = await db.RequireProductsAsync(wanted.Select(l => l.Sku).ToList(), ct);
        var gross = wanted.Select(l => prices[l.Sku] * l.Quantity).ToList();
        if (gross.Sum() > Money.Max)
            throw new DomainException("order_total_too_large", $"An order may come to at most {Money.Max:0.00} {shop.Currency}.", RefusalKind.Unprocessable);
        var (code, discounts) = await promotions.RedeemAsync(promoCode, gross, now, ct);
        return new Order(OrderNumbers.New(), channel, customer, mode,
            wanted.Select((l, i) => new OrderLine(l.Sku, l.Quantity, prices[l.Sku], discounts[i])), code, shop.Currency, now);
    }
}
