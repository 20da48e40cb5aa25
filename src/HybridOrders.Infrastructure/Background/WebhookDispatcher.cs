using System.Diagnostics;
using HybridOrders.Application.Events;
using HybridOrders.Domain.Webhooks;
using HybridOrders.Infrastructure.Outbox;
using HybridOrders.Infrastructure.Persistence;
using HybridOrders.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace HybridOrders.Infrastructure.Background;

/// <summary>
/// Delivers outbox events to webhook subscriptions, in the background (never in the request that caused them). Each round:
/// find the settled mark (<see cref="EventWindow"/>), claim due subscriptions with a lease (<see cref="WebhookClaims"/>), and
/// work on the claimed ones in parallel (one task each: parallel ACROSS subscriptions, never within one). A claimed
/// subscription gets its next events strictly in id order, one request at a time (one event each, or for a subscription that
/// opted in to batches a run of up to its batch size: whatever backlog there is, so a batch is long only when one is needed), stopping at the first failure (which
/// schedules a retry with a growing delay); while more events keep settling it goes on with them under the same lease for up
/// to <see cref="WebhookOptions.RunMilliseconds"/>, saving its progress (cursor, retry state, delivery log) after each
/// batch. A crash before a save only means the same events are sent again after the lease runs out: at least once, never
/// out of order. A commit that wrote outbox rows wakes the dispatcher (<see cref="OutboxSignal"/>); the poll is the fallback.
/// </summary>
public sealed class WebhookDispatcher(IServiceProvider services, DatabaseReadiness readiness, IOptions<WebhookOptions> options,
    EventSettings eventSettings, IClock clock, BackgroundHeartbeats heartbeats, OutboxSignal signal, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    public const string HeartbeatName = "webhook-dispatcher";

    private long _settled;
    private Instant _lastCleanup;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled) return;
        try
        {
            await readiness.WhenReady(stoppingToken);
            // A round may wait for slow receivers (one timeout each, in parallel), so the interval health expects is that, not the poll.
            heartbeats.Register(HeartbeatName, TimeSpan.FromMilliseconds(Math.Max(options.Value.PollMilliseconds, options.Value.TimeoutSeconds * 1000 + 5000)));
            while (!stoppingToken.IsCancellationRequested)
            {
                var busy = false;
                try
                {
                    busy = await DispatchOnceAsync(stoppingToken);
                    heartbeats.Tick(HeartbeatName);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Webhook dispatch failed; trying again shortly");
                }
                if (busy) continue;
                // Idle: until a commit with outbox rows (then a moment more, so that a burst of commits is one round), or the poll.
                if (await signal.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), stoppingToken) && options.Value.WakeDelayMilliseconds > 0)
                    await Task.Delay(options.Value.WakeDelayMilliseconds, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round; true when there is more to do at once (a subscription left work undone, or more settled events to scan).</summary>
    public async Task<bool> DispatchOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        List<Guid> claimed;
        bool moreEvents;
        long settled;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HybridOrdersDbContext>();
            var floor = await db.WebhookSubscriptions.Where(s => s.Status == WebhookStatus.Active).MinAsync(s => (long?)s.Cursor, ct);
            if (floor is null) return false;
            var now = clock.GetCurrentInstant();
            await CleanupAsync(db, now, ct);
            (settled, moreEvents) = await SettleAsync(db, floor.Value, ct);
            var nowMs = now.ToUnixTimeMilliseconds();
            var count = await WebhookClaims.ClaimAsync(db, owner, nowMs, nowMs + o.LeaseSeconds * 1000L, settled, o.MaxConcurrency, ct);
            if (count == 0) return moreEvents;
            claimed = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.LeaseOwner == owner).Select(s => s.Id).ToListAsync(ct);
        }
        var results = await Task.WhenAll(claimed.Select(id => DeliverAsync(id, owner, settled, ct)));
        return moreEvents || results.Any(more => more);
    }

    /// <summary>The settled mark from <paramref name="floor"/> on (or from the highest mark seen, which only grows); shared by
    /// the subscriptions worked on in parallel.</summary>
    private async Task<(long Settled, bool More)> SettleAsync(HybridOrdersDbContext db, long floor, CancellationToken ct) =>
        Raise(await EventWindow.SettledAsync(db.Events, Math.Max(Interlocked.Read(ref _settled), floor), clock.GetCurrentInstant(),
            eventSettings.GapTimeout, ScanLimit, ct));

    private (long Settled, bool More) Settle(HybridOrdersDbContext db, long floor) =>
        Raise(EventWindow.Settled(db.Events, Math.Max(Interlocked.Read(ref _settled), floor), clock.GetCurrentInstant(), eventSettings.GapTimeout, ScanLimit));

    private const int ScanLimit = 5000;

    private (long Settled, bool More) Raise((long Settled, bool More) window)
    {
        long seen;
        while ((seen = Interlocked.Read(ref _settled)) < window.Settled && Interlocked.CompareExchange(ref _settled, window.Settled, seen) != seen)
        {
        }
        return window;
    }

    /// <summary>One claimed subscription, on a thread of its own (see <see cref="Deliver"/>).</summary>
    private Task<bool> DeliverAsync(Guid subscriptionId, string owner, long settled, CancellationToken ct) =>
        Task.Factory.StartNew(() => Deliver(subscriptionId, owner, settled, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// Sends one claimed subscription's next events in order, batch after batch while more settle (within the run's time);
    /// true when it stopped with work left (more may be waiting at once). It runs on a thread of its own and blocks on each
    /// request and query: one subscription's events go out strictly one after the other, so what bounds its rate is the
    /// time from one answer to the next request, and a blocked thread is woken by the answer itself, where an awaiting task
    /// would first queue behind every request the API is serving (most of the time per delivery under load, measured).
    /// </summary>
    private bool Deliver(Guid subscriptionId, string owner, long settled, CancellationToken ct)
    {
        var o = options.Value;
        var started = Stopwatch.GetTimestamp();
        var budget = TimeSpan.FromSeconds(Math.Max(1, o.LeaseSeconds - o.TimeoutSeconds - 5)); // no new attempt after this: the lease must outlast it
        var run = TimeSpan.FromMilliseconds(Math.Max(1, o.RunMilliseconds));
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HybridOrdersDbContext>();
        db.Database.AutoSavepointsEnabled = false; // a save is its own transaction: a savepoint would only cost round trips
        var sender = scope.ServiceProvider.GetRequiredService<WebhookSender>();
        var subscription = db.WebhookSubscriptions.FirstOrDefault(s => s.Id == subscriptionId && s.LeaseOwner == owner);
        if (subscription is null) return false;

        var target = sender.For(subscription.Url, subscription.Secret);
        var types = subscription.ReceivesAll ? null : subscription.Types.ToList();
        var attempts = new List<WebhookDelivery>(o.BatchSize); // this batch's delivery log, saved with the progress
        var more = false;
        var leaseLost = false;
        try
        {
            for (var first = true; ; first = false)
            {
                ct.ThrowIfCancellationRequested();
                // Going on under the lease: not for a subscription deleted (or taken over) since the last save.
                if (!first && !db.WebhookSubscriptions.AsNoTracking().Any(s => s.Id == subscriptionId && s.LeaseOwner == owner))
                {
                    leaseLost = true;
                    break;
                }
                var pending = db.Events.AsNoTracking().Where(e => e.Id > subscription.Cursor && e.Id <= settled);
                if (types is not null) pending = pending.Where(e => types.Contains(e.Type));
                // A failed batched message is sent again as it was (or shorter, see below): nothing after its last event.
                var retrying = subscription.RetryThroughId is not null;
                if (retrying) pending = pending.Where(e => e.Id <= subscription.RetryThroughId);
                // Whole requests per read: a batched subscription's read is a multiple of its batch size.
                var readSize = subscription.Batched ? subscription.BatchSize * Math.Max(1, o.BatchSize / subscription.BatchSize) : o.BatchSize;
                var batch = pending.OrderBy(e => e.Id).Take(readSize).ToList();
                if (retrying && batch.Count == 0)
                {
                    // Beyond this round's settled mark: not read yet, not gone (skipping to it would drop events); a later round.
                    if (settled < subscription.RetryThroughId) break;
                    subscription.SkipTo(subscription.RetryThroughId!.Value); // its events are gone: nothing to resend
                }
                var done = 0;
                var failed = false;
                // One message per event, or (a batched subscription) runs of up to its batch size: strictly one after another.
                foreach (var message in Messages(batch, subscription.BatchSize, o.MaxBatchBytes))
                {
                    if (Stopwatch.GetElapsedTime(started) > budget) break;
                    var outcome = subscription.Batched ? target.Send(message, ct) : target.Send(message[0], ct);
                    var now = clock.GetCurrentInstant();
                    // The log has a row per event (the attempt of the message that carried it), so "what became of event n" has an answer.
                    foreach (var e in message)
                        attempts.Add(new WebhookDelivery(subscription.Id, e.Id, e.Type, subscription.FailedAttempts + 1,
                            outcome.StatusCode, outcome.Error, now, outcome.DurationMs));
                    if (!outcome.Succeeded)
                    {
                        subscription.Failed(now, outcome.Error ?? $"HTTP {outcome.StatusCode}", o.RetryDelays,
                            Duration.FromHours(o.DisableAfterHours), subscription.Batched ? RetryThrough(message, outcome) : null);
                        logger.LogWarning("Webhook {Subscription} failed on event {EventId} (attempt {Attempt}, {Events} event(s)): {Error}",
                            subscription.Id, message[0].Id, subscription.FailedAttempts, message.Length, outcome.Error);
                        if (subscription.Status == WebhookStatus.Disabled)
                            logger.LogWarning("Webhook {Subscription} disabled: {Reason}", subscription.Id, subscription.DisabledReason);
                        failed = true;
                        break;
                    }
                    subscription.Delivered(message[^1].Id);
                    done += message.Length;
                }
                if (failed) break; // retried when due
                if (done < batch.Count) // out of time: the rest at once, in the next round
                {
                    more = true;
                    break;
                }
                var caughtUp = !retrying && batch.Count < readSize; // a retried run was read alone: what follows it is still to come
                if (caughtUp) subscription.SkipTo(settled); // nothing else of its types up to the mark
                if (Stopwatch.GetElapsedTime(started) > run)
                {
                    more = !caughtUp;
                    break;
                }
                // Nothing for it: give the lease back (a commit or the poll brings it back).
                if (caughtUp && done == 0) break;
                if (!SaveProgress(db, subscriptionId, attempts)) // the batch's outcome is saved before anything else is waited for
                {
                    leaseLost = true;
                    break;
                }
                if (caughtUp && !WaitForMore(db, ref settled, started, run, ct)) break;
            }
        }
        finally
        {
            if (!leaseLost)
            {
                subscription.ReleaseLease();
                SaveProgress(db, subscriptionId, attempts);
            }
        }
        return more;
    }

    /// <summary>The requests for <paramref name="events"/>: one each when <paramref name="batchSize"/> is 1; otherwise runs of
    /// up to <paramref name="batchSize"/> events whose payloads stay within <paramref name="maxBytes"/> (at least one event
    /// each). The same events always make the same runs, so a failed message read again is the same message.</summary>
    internal static IEnumerable<EventRecord[]> Messages(IReadOnlyList<EventRecord> events, int batchSize, int maxBytes)
    {
        var start = 0;
        while (start < events.Count)
        {
            var end = start + 1;
            var bytes = (long)events[start].Data.Length;
            while (end < events.Count && end - start < batchSize && bytes + events[end].Data.Length <= maxBytes) bytes += events[end++].Data.Length;
            yield return events.Skip(start).Take(end - start).ToArray();
            start = end;
        }
    }

    /// <summary>The last event of the next attempt after a batched message failed: the same message again; or, when the
    /// receiver said it was too large (413) or did not answer it (a timeout, a broken connection: perhaps too long to take
    /// in), its first half, halving on each such failure down to one event, so that no message size stops the stream.</summary>
    internal static long RetryThrough(EventRecord[] message, DeliveryOutcome outcome) =>
        outcome.StatusCode is null or 413 && message.Length > 1 ? message[(message.Length - 1) / 2].Id : message[^1].Id;

    /// <summary>A subscription that is caught up keeps its lease a moment: the events that settle meanwhile go out under it, in
    /// batches gathered every <see cref="WebhookOptions.GatherMilliseconds"/>, so that a steady stream costs the database a
    /// look-up per batch and one commit per batch, instead of a claim, a save and a release for every few events. False when
    /// nothing settled within a poll interval or the run's time is up (the lease is given back), or the host is stopping.</summary>
    private bool WaitForMore(HybridOrdersDbContext db, ref long settled, long started, TimeSpan run, CancellationToken ct)
    {
        var o = options.Value;
        var idleSince = Stopwatch.GetTimestamp();
        while (true)
        {
            if (ct.WaitHandle.WaitOne(Math.Max(1, o.GatherMilliseconds))) return false; // stopping
            var (next, _) = Settle(db, settled);
            if (next > settled)
            {
                settled = next;
                return true;
            }
            if (Stopwatch.GetElapsedTime(idleSince).TotalMilliseconds >= o.PollMilliseconds || Stopwatch.GetElapsedTime(started) > run) return false;
        }
    }

    /// <summary>Saves the cursor, retry state and delivery log; false when the lease was lost meanwhile (another dispatcher
    /// took the subscription over after it ran out: its progress counts, not ours) or the subscription was deleted.</summary>
    private bool SaveProgress(HybridOrdersDbContext db, Guid subscriptionId, List<WebhookDelivery> attempts)
    {
        try
        {
            WebhookDeliveryLog.Save(db, subscriptionId, attempts);
            return true;
        }
        catch (DbUpdateException)
        {
            logger.LogWarning("Webhook {Subscription}: lease lost or subscription deleted before saving progress", subscriptionId);
            return false;
        }
    }

    private async Task CleanupAsync(HybridOrdersDbContext db, Instant now, CancellationToken ct)
    {
        if (now - _lastCleanup < Duration.FromHours(1)) return;
        _lastCleanup = now;
        var before = now - Duration.FromDays(options.Value.DeliveryLogDays);
        await db.WebhookDeliveries.Where(d => d.At < before).ExecuteDeleteAsync(ct);
    }
}
