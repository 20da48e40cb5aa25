using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Orders;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Analytics;

/// <summary>How orders placed in [from, to) crossed channels: placed in a channel → picked up or delivered → returned in a store or not.</summary>
public sealed record GetJourneys(Instant? From, Instant? To) : IQuery<JourneysResponse>;

public sealed record JourneyPath(string Path, string PlacedIn, string FulfilledBy, bool ReturnedInStore, int Orders);

public sealed record JourneysResponse(Instant From, Instant To, int Orders, IReadOnlyList<JourneyPath> Paths);

public sealed class GetJourneysValidator : AbstractValidator<GetJourneys>
{
    public GetJourneysValidator() =>
        RuleFor(x => x.To).GreaterThan(x => x.From).When(x => x.From is not null && x.To is not null).WithMessage("'to' must be after 'from'.");
}

public sealed class GetJourneysHandler(IHybridOrdersDbContext db, IClock clock) : IQueryHandler<GetJourneys, JourneysResponse>
{
    public async ValueTask<JourneysResponse> Handle(GetJourneys query, CancellationToken ct)
    {
        var (from, to) = AnalyticsWindow.Resolve(query.From, query.To, clock);
        var groups = await db.Orders.AsNoTracking()
            .Where(o => o.PlacedAt >= EF.Constant(from) && o.PlacedAt < EF.Constant(to))
            .GroupBy(o => new { o.Channel, o.Mode, Returned = o.ReturnedUnits > 0 })
            .Select(g => new { g.Key.Channel, g.Key.Mode, g.Key.Returned, Orders = g.Count() })
            .ToListAsync(ct);
        var paths = groups
            .Select(g => new JourneyPath(
                $"{g.Channel.ToSnakeCase()} → {g.Mode.ToSnakeCase()} → {(g.Returned ? "returned in store" : "kept")}",
                g.Channel.ToSnakeCase(), g.Mode.ToSnakeCase(), g.Returned, g.Orders))
            .OrderByDescending(p => p.Orders).ThenBy(p => p.Path, StringComparer.Ordinal).ToList();
        return new JourneysResponse(from, to, paths.Sum(p => p.Orders), paths);
    }
}
