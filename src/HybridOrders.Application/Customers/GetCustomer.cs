using HybridOrders.Application.Common;
using HybridOrders.Application.Orders;
using HybridOrders.Application.Reservations;
using HybridOrders.Application.Returns;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Customers;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Reservations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Customers;

/// <summary>One customer across every channel, found by their registry id or any of their ids, emails or phones (see
/// <see cref="CustomerRegistry"/>): every order, hold and return, when first seen, in which channels, and what they are worth.</summary>
public sealed record GetCustomer(string Key) : IQuery<CustomerResponse>;

/// <summary><c>id</c>: the registry id (any key of the record finds it). <c>lifetimeValue</c>: what was paid (orders neither
/// cancelled nor expired, after discounts) minus what was refunded. <c>customer</c>, <c>key</c>, <c>matchedBy</c> and
/// <c>activeReservations</c> are kept for clients of the first version.</summary>
public sealed record CustomerResponse(string Id, IReadOnlyList<string> ExternalIds, IReadOnlyList<string> Emails, IReadOnlyList<string> Phones,
    IReadOnlyList<string> Names, IReadOnlyList<OrderResponse> Orders, IReadOnlyList<ReservationResponse> Reservations, IReadOnlyList<ReturnResponse> Returns,
    Instant? FirstSeenAt, IReadOnlyList<SalesChannel> Channels, decimal LifetimeValue, string Currency,
    string Key, string MatchedBy, CustomerDto? Customer, IReadOnlyList<ReservationResponse> ActiveReservations);

public sealed class GetCustomerHandler(IHybridOrdersDbContext db, CustomerRegistry registry, ShopSettings shop) : IQueryHandler<GetCustomer, CustomerResponse>
{
    private const int MaxItems = 200;

    public async ValueTask<CustomerResponse> Handle(GetCustomer query, CancellationToken ct)
    {
        var (id, matchedBy) = await registry.FindAsync(query.Key, ct) ?? throw new NotFoundException("Customer", query.Key);

        var members = await registry.MembersAsync(id, ct);
        var identifiers = await db.CustomerIdentifiers.AsNoTracking().Where(i => members.Contains(i.CustomerId)).OrderBy(i => i.Display).ToListAsync(ct);
        var links = db.CustomerLinks.AsNoTracking().Where(l => members.Contains(l.CustomerId));
        var summary = await links.GroupBy(l => l.Channel).Select(g => new { Channel = g.Key, First = g.Min(l => l.At) }).ToListAsync(ct);
        var names = await links.Where(l => l.Name != null).Select(l => l.Name!).Distinct().ToListAsync(ct);
        // The linked ids are read first and the orders, holds and returns then by id (see CustomerRegistry.FilterOrdersAsync).
        var subjects = await links.Where(l => l.Activity == CustomerActivity.Order || l.Activity == CustomerActivity.Reservation)
            .Select(l => new { l.Activity, l.SubjectId }).ToListAsync(ct);
        var orderIds = subjects.Where(l => l.Activity == CustomerActivity.Order).Select(l => l.SubjectId).ToList();
        var holdIds = subjects.Where(l => l.Activity == CustomerActivity.Reservation).Select(l => l.SubjectId).ToList();

        var paid = db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id) && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Expired);
        var value = await paid.SumAsync(o => o.Total, ct) - await paid.SumAsync(o => o.RefundedAmount, ct);
        var orders = await db.WithFulfilments().AsNoTracking().Where(o => orderIds.Contains(o.Id)).OrderByDescending(o => o.PlacedAt).Take(MaxItems).ToListAsync(ct);
        var holds = await db.Reservations.AsNoTracking().Where(r => holdIds.Contains(r.Id)).OrderByDescending(r => r.CreatedAt).Take(MaxItems).ToListAsync(ct);
        var returns = await db.Returns.AsNoTracking().Where(r => orderIds.Contains(r.OrderId)).OrderByDescending(r => r.CreatedAt).Take(MaxItems).ToListAsync(ct);

        var latest = orders.Select(o => (o.PlacedAt, o.Customer)).Concat(holds.Select(r => (PlacedAt: r.CreatedAt, r.Customer)))
            .OrderByDescending(x => x.PlacedAt).Select(x => x.Customer).FirstOrDefault();
        var reservations = holds.Select(ReservationResponse.From).ToList();
        return new CustomerResponse(id,
            identifiers.Where(i => i.Kind == IdentifierKind.Id).Select(i => i.Display).ToList(),
            identifiers.Where(i => i.Kind == IdentifierKind.Email).Select(i => i.Value).ToList(),
            identifiers.Where(i => i.Kind == IdentifierKind.Phone).Select(i => i.Display).ToList(),
            names.Order(StringComparer.Ordinal).ToList(),
            orders.Select(OrderResponse.From).ToList(), reservations, returns.Select(ReturnResponse.From).ToList(),
            summary.Count == 0 ? null : summary.Min(s => s.First), summary.Select(s => s.Channel).Order().ToList(), value, shop.Currency,
            query.Key, matchedBy, latest is null ? null : CustomerDto.From(latest),
            reservations.Where(r => r.Status == ReservationStatus.Active).ToList());
    }
}
