using HybridOrders.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Orders;

/// <summary>Loading an order to change it, and saving so that of two racing changes only one wins (the order's version).</summary>
internal static class OrderTransitions
{
    public static IQueryable<Order> WithFulfilments(this IHybridOrdersDbContext db) => db.Orders.Include(o => o.Fulfilments);

    public static async Task<Order> LoadAsync(IHybridOrdersDbContext db, Guid orderId, CancellationToken ct) =>
        await db.WithFulfilments().FirstOrDefaultAsync(o => o.Id == orderId, ct) ?? throw new NotFoundException("Order", orderId.ToString());

    public static async Task<Order> LoadByFulfilmentAsync(IHybridOrdersDbContext db, Guid fulfilmentId, CancellationToken ct)
    {
        var orderId = await db.Fulfilments.Where(f => f.Id == fulfilmentId).Select(f => (Guid?)f.OrderId).FirstOrDefaultAsync(ct)
                      ?? throw new NotFoundException("Fulfilment", fulfilmentId.ToString());
        return await LoadAsync(db, orderId, ct);
    }

    /// <summary>Units of each SKU of an order taken back by returns so far (refunds and cancellations share one cumulative sequence).</summary>
    public static Task<Dictionary<string, int>> ReturnedUnitsAsync(this IHybridOrdersDbContext db, Guid orderId, CancellationToken ct) =>
        db.Returns.AsNoTracking().Where(r => r.OrderId == orderId).SelectMany(r => r.Lines)
            .GroupBy(l => l.Sku).Select(g => new { Sku = g.Key, Quantity = g.Sum(l => l.Quantity) }).ToDictionaryAsync(x => x.Sku, x => x.Quantity, ct);

    public static Task SaveAsync(IHybridOrdersDbContext db, Order order, CancellationToken ct) =>
        db.SaveOrRefuseAsync("invalid_transition", $"Order {order.Number} was changed by another request at the same time; reload it and try again.", ct);
}
