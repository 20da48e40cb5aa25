using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Events;

/// <summary><c>Events:GapTimeoutSeconds</c> (default 10): how long a missing id may still be an open transaction.</summary>
public sealed record EventSettings(Duration GapTimeout);

/// <summary>
/// The settled mark: the highest event id below which no event can still appear. Ids come from an identity column, which
/// hands out numbers in insert order, not commit order: transaction A may take id 7, B id 8, and B commit first. A reader
/// that saw 8 and then asks for <c>after=8</c> would never see 7. So readers (the feed and the dispatcher) only go up to the
/// first hole in the ids: a hole is either an open transaction (it fills at commit, within milliseconds) or a rolled-back
/// one (it never fills). A hole is waited for until the event after it is older than the gap timeout; after that it is taken
/// as rolled back. See docs/decisions/0007-events-outbox-and-webhooks.md.
/// </summary>
public static class EventWindow
{
    /// <summary>Scans ids after <paramref name="after"/> (at most <paramref name="scanLimit"/>) and returns the settled mark,
    /// and whether the scan stopped at its limit (there may be more settled events beyond).</summary>
    public static async Task<(long Settled, bool More)> SettledAsync(IQueryable<EventRecord> events, long after, Instant now, Duration gapTimeout,
        int scanLimit, CancellationToken ct)
    {
        var rows = await Scan(events, after, scanLimit).ToListAsync(ct);
        return Settle(rows, after, now, gapTimeout, scanLimit);
    }

    /// <summary>The same, blocking: for the webhook dispatcher's delivery thread (which never waits in the thread pool's queue).</summary>
    public static (long Settled, bool More) Settled(IQueryable<EventRecord> events, long after, Instant now, Duration gapTimeout, int scanLimit)
    {
        var rows = Scan(events, after, scanLimit).ToList();
        return Settle(rows, after, now, gapTimeout, scanLimit);
    }

    private static IQueryable<Row> Scan(IQueryable<EventRecord> events, long after, int scanLimit) =>
        events.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(scanLimit).Select(e => new Row(e.Id, e.OccurredAt));

    private sealed record Row(long Id, Instant OccurredAt);

    private static (long Settled, bool More) Settle(List<Row> rows, long after, Instant now, Duration gapTimeout, int scanLimit)
    {
        var settled = after;
        var oldEnough = now - gapTimeout;
        foreach (var (id, occurredAt) in rows)
        {
            if (id != settled + 1 && occurredAt > oldEnough) return (settled, false);
            settled = id;
        }
        return (settled, rows.Count == scanLimit);
    }
}
