using HybridOrders.Application.Common;
using HybridOrders.Application.Orders;
using HybridOrders.Application.Reservations;
using HybridOrders.Application.Returns;
using HybridOrders.Domain.Reservations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Customers;

/// <summary>One customer across every channel: their orders, active holds and returns. The key is matched against customer ids,
/// else emails (case-insensitive), else phone numbers, so an app user, a call-centre caller and a till customer meet.</summary>
public sealed record GetCustomer(string Key) : IQuery<CustomerResponse>;

public sealed record CustomerResponse(string Key, string MatchedBy, CustomerDto? Customer, IReadOnlyList<OrderResponse> Orders,
    IReadOnlyList<ReservationResponse> ActiveReservations, IReadOnlyList<ReturnResponse> Returns);

public sealed class GetCustomerHandler(IHybridOrdersDbContext db) : IQueryHandler<GetCustomer, CustomerResponse>
{
    private const int MaxOrders = 100;

    public async ValueTask<CustomerResponse> Handle(GetCustomer query, CancellationToken ct)
    {
        var key = query.Key.Trim();
        var email = key.ToLowerInvariant();
        var orders = db.WithFulfilments().AsNoTracking();
        var holds = db.Reservations.AsNoTracking().Where(r => r.Status == ReservationStatus.Active);

        string matchedBy;
        if (await orders.AnyAsync(o => o.Customer.Id == key, ct) || await holds.AnyAsync(r => r.Customer.Id == key, ct))
        {
            matchedBy = "id";
            orders = orders.Where(o => o.Customer.Id == key);
            holds = holds.Where(r => r.Customer.Id == key);
        }
        else if (await orders.AnyAsync(o => o.Customer.Email == email, ct) || await holds.AnyAsync(r => r.Customer.Email == email, ct))
        {
            matchedBy = "email";
            orders = orders.Where(o => o.Customer.Email == email);
            holds = holds.Where(r => r.Customer.Email == email);
        }
        else if (await orders.AnyAsync(o => o.Customer.Phone == key, ct) || await holds.AnyAsync(r => r.Customer.Phone == key, ct))
        {
            matchedBy = "phone";
            orders = orders.Where(o => o.Customer.Phone == key);
            holds = holds.Where(r => r.Customer.Phone == key);
        }
        else throw new NotFoundException("Customer", key);

        var orderList = await orders.OrderByDescending(o => o.PlacedAt).Take(MaxOrders).ToListAsync(ct);
        var holdList = await holds.OrderBy(r => r.ExpiresAt).ToListAsync(ct);
        var orderIds = orderList.Select(o => o.Id).ToList();
        var returns = await db.Returns.AsNoTracking().Where(r => orderIds.Contains(r.OrderId)).OrderByDescending(r => r.CreatedAt).ToListAsync(ct);
        var latest = orderList.Select(o => o.Customer).Concat(holdList.Select(r => r.Customer)).FirstOrDefault();
        return new CustomerResponse(key, matchedBy, latest is null ? null : CustomerDto.From(latest),
            orderList.Select(OrderResponse.From).ToList(), holdList.Select(ReservationResponse.From).ToList(),
            returns.Select(ReturnResponse.From).ToList());
    }
}
