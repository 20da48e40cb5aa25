using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Events;

/// <summary>The feed: events after an id, oldest first, that the caller's role may see. A client resumes from the last id it saw.</summary>
public sealed record ListEvents(long? After, string? Types, int? Limit, string? Cursor = null) : IQuery<Page<EventResponse>>
{
    /// <summary><c>cursor</c> (the <c>nextCursor</c> of the previous page) is the same as <c>after</c>.</summary>
    public long EffectiveAfter => Cursor is not null && long.TryParse(Cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : After ?? 0;
}

public sealed class ListEventsValidator : AbstractValidator<ListEvents>
{
    public ListEventsValidator()
    {
        RuleFor(x => x.After).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Cursor).Must(c => c is null || long.TryParse(c, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            .WithMessage("'cursor' is not a cursor returned by this list.");
        RuleFor(x => x.Limit).IsPageLimit();
        RuleFor(x => x.Types).Must(t => ListEventsHandler.ParseTypes(t).All(EventTypes.IsKnown))
            .WithMessage($"'types' must be a comma-separated list of: {string.Join(", ", EventTypes.All)}.");
    }
}

public sealed class ListEventsHandler(IHybridOrdersDbContext db, ICurrentUser user, IClock clock, EventSettings settings)
    : IQueryHandler<ListEvents, Page<EventResponse>>
{
    /// <summary>How many ids one request looks at to find the settled mark: a filtered feed skips at most this many others per page.</summary>
    private const int ScanLimit = 2000;

    public async ValueTask<Page<EventResponse>> Handle(ListEvents query, CancellationToken ct)
    {
        var after = query.EffectiveAfter;
        var limit = query.Limit ?? Paging.DefaultLimit;
        var types = ParseTypes(query.Types);

        var (settled, more) = await EventWindow.SettledAsync(db.Events, after, clock.GetCurrentInstant(), settings.GapTimeout,
            Math.Max(ScanLimit, limit + 1), ct);
        if (settled == after) return new Page<EventResponse>([], null);

        var events = db.Events.AsNoTracking().Where(e => e.Id > after && e.Id <= settled);
        if (types.Count > 0) events = events.Where(e => types.Contains(e.Type));
        switch (user.Role)
        {
            case ApiRole.Admin or ApiRole.Logistics:
                break;
            case ApiRole.Storefront:
                events = events.Where(e => e.Type.StartsWith("order.") || e.Type.StartsWith("fulfilment.")
                                           || e.Type.StartsWith("reservation.") || e.Type.StartsWith("stock."));
                break;
            case ApiRole.Pos when user.LocationCode is { } location:
                var token = EventRecord.LocationToken(location);
                events = events.Where(e => e.Locations != null && e.Locations.Contains(token));
                break;
            default:
                throw new ForbiddenAccessException("This key may not read events.");
        }

        var fetched = await events.OrderBy(e => e.Id).Take(limit + 1).ToListAsync(ct);
        var items = fetched.Take(limit).Select(EventResponse.From).ToList();
        // More to read now: a full page, or a scan that stopped at its limit (resume after what was looked at, even if it
        // matched nothing). The cursor is the id to pass as `after`.
        string? next = fetched.Count > limit ? items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : more ? settled.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
        return new Page<EventResponse>(items, next);
    }

    public static IReadOnlyList<string> ParseTypes(string? types) =>
        string.IsNullOrWhiteSpace(types) ? [] : types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
