using HybridOrders.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Customers;

/// <summary>One customer across channels: matched by id; if no record has that id, by email; else by phone.</summary>
public static class CustomerMatch
{
    public static async Task<IQueryable<Order>> FilterAsync(IQueryable<Order> orders, string key, CancellationToken ct)
    {
        var by = await KindAsync(orders, key, ct);
        var email = key.Trim().ToLowerInvariant();
        return by switch
        {
            "id" => orders.Where(o => o.Customer.Id == key),
            "email" => orders.Where(o => o.Customer.Email == email),
            _ => orders.Where(o => o.Customer.Phone == key.Trim()),
        };
    }

    public static async Task<string> KindAsync(IQueryable<Order> orders, string key, CancellationToken ct)
    {
        if (await orders.AnyAsync(o => o.Customer.Id == key, ct)) return "id";
        var email = key.Trim().ToLowerInvariant();
        if (await orders.AnyAsync(o => o.Customer.Email == email, ct)) return "email";
        return "phone";
    }
}
