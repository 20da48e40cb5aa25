using HybridOrders.Application.Events;
using HybridOrders.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;

namespace HybridOrders.Infrastructure.Outbox;

/// <summary>
/// The transactional outbox: before each SaveChanges, the events raised on tracked aggregates become rows of <c>Events</c>,
/// saved by the same SaveChanges, so they commit or roll back with the change. Only aggregates tracked by this context count:
/// when a unit of work is retried, its change tracker is cleared, and the events come from the attempt that commits.
/// </summary>
internal sealed class OutboxInterceptor(EventJson json, IClock clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) Collect(db, json, clock);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) Collect(db, json, clock);
        return ValueTask.FromResult(result);
    }

    private static void Collect(DbContext db, EventJson json, IClock clock)
    {
        var raising = db.ChangeTracker.Entries<AggregateRoot>()
            .Where(e => e.State != EntityState.Detached && e.Entity.DomainEvents.Count > 0).Select(e => e.Entity).ToList();
        if (raising.Count == 0) return;
        if (db is Persistence.HybridOrdersDbContext context) context.OutboxWritten = true; // the commit wakes the dispatcher
        var now = clock.GetCurrentInstant();
        foreach (var aggregate in raising)
        {
            foreach (var domainEvent in aggregate.DomainEvents)
            {
                var outgoing = EventCatalogue.Describe(domainEvent);
                db.Add(new EventRecord(outgoing.Type, now, json.Serialize(outgoing.Data), outgoing.LocationCodes));
            }
            aggregate.ClearDomainEvents();
        }
    }
}

/// <summary>Events without an aggregate (stock thresholds): a row added to the scope's context, saved with the unit of work.</summary>
internal sealed class EventOutbox(Persistence.HybridOrdersDbContext db, EventJson json, IClock clock) : IEventOutbox
{
    void IEventOutbox.Add(string type, object data, IReadOnlyList<string> locationCodes) => Add(type, data, locationCodes);

    /// <summary>Adds the row and returns it (the stock ledger detaches it again when its move is rolled back to a savepoint).</summary>
    public EventRecord Add(string type, object data, IReadOnlyList<string> locationCodes)
    {
        db.OutboxWritten = true; // the commit wakes the dispatcher
        return db.Events.Add(new EventRecord(type, clock.GetCurrentInstant(), json.Serialize(data), locationCodes)).Entity;
    }

    /// <summary>A domain event as its outbox row, not added to the context: for a writer that inserts it itself, in its own
    /// statement of the same transaction (the stock ledger's hold).</summary>
    public EventRecord Unsaved(IDomainEvent domainEvent)
    {
        var outgoing = EventCatalogue.Describe(domainEvent);
        return new EventRecord(outgoing.Type, clock.GetCurrentInstant(), json.Serialize(outgoing.Data), outgoing.LocationCodes);
    }
}
