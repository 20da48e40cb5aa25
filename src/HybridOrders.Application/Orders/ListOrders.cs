using System.Globalization;
using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Orders;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Orders;

/// <summary>Orders newest first, filtered by customer (id, else email, else phone), channel and status. A POS key sees
/// only orders with a fulfilment at its own store.</summary>
public sealed record ListOrders(string? CustomerId, SalesChannel? Channel, OrderStatus? Status, int? Limit, string? Cursor)
    : IQuery<Page<OrderResponse>>;

public sealed class ListOrdersValidator : AbstractValidator<ListOrders>
{
    public ListOrdersValidator()
    {
        RuleFor(x => x.CustomerId).MaximumLength(254);
        RuleFor(x => x.Limit).IsPageLimit();
        RuleFor(x => x.Cursor).Must(c => c is null || TimeKeyset.TryParse(c, out _, out _)).WithMessage("'cursor' is not a cursor returned by this list.");
    }
}

public sealed class ListOrdersHandler(IHybridOrdersDbContext db, ICurrentUser user, Customers.CustomerRegistry customers) : IQueryHandler<ListOrders, Page<OrderResponse>>
{
    public async ValueTask<Page<OrderResponse>> Handle(ListOrders query, CancellationToken ct)
    {
        var limit = query.Limit ?? Paging.DefaultLimit;
        var q = db.WithFulfilments().AsNoTracking();
        if (user.Role == ApiRole.Pos && user.LocationCode is { } own) // a store sees the orders it picks, sends or hands over
            q = q.Where(o => o.Fulfilments.Any(f => f.OriginLocationCode == own || f.DestinationLocationCode == own));
        if (query.CustomerId is { } customer) q = await customers.FilterOrdersAsync(q, customer, ct);
        if (query.Channel is { } channel) q = q.Where(o => o.Channel == channel);
        if (query.Status is { } status) q = q.Where(o => o.Status == status);
        if (query.Cursor is not null && TimeKeyset.TryParse(query.Cursor, out var at, out var number))
            q = q.Where(o => o.PlacedAt < at || (o.PlacedAt == at && string.Compare(o.Number, number) < 0));
        var fetched = await q.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Number).Take(limit + 1).ToListAsync(ct);
        return Paging.ToPage(fetched, limit, o => TimeKeyset.Key(o.PlacedAt, o.Number), OrderResponse.From);
    }
}
