using System.Diagnostics;
using HybridOrders.Application.Events;
using HybridOrders.Domain.Webhooks;
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
/// Delivers outbox events to webhook subscriptions, in the background (never in the request that caused them). Each tick:
/// find the settled mark (<see cref="EventWindow"/>), claim due subscriptions with a lease (<see cref="WebhookClaims"/>), and
/// for each claimed one send its next events strictly in id order, stopping at the first failure (which schedules a retry
/// with a growing delay). Progress (cursor, retry state, delivery log) is saved before the lease is given back; a crash
/// before that only means the same events are sent again after the lease runs out: at least once, never out of order.
/// </summary>
public sealed class WebhookDispatcher(IServiceProvider services, DatabaseReadiness readiness, IOptions<WebhookOptions> options,
    EventSettings eventSettings, IClock clock, BackgroundHeartbeats heartbeats, ILogger<WebhookDispatcher> logger) : BackgroundService
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
                if (!busy) await Task.Delay(options.Value.PollMilliseconds, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round; true when there is more to do at once (a full batch, or more settled events to scan).</summary>
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
            (settled, moreEvents) = await EventWindow.SettledAsync(db.Events, Math.Max(_settled, floor.Value), now, eventSettings.GapTimeout, 5000, ct);
            _settled = settled;
            var nowMs = now.ToUnixTimeMilliseconds();
            var count = await WebhookClaims.ClaimAsync(db, owner, nowMs, nowMs + o.LeaseSeconds * 1000L, settled, o.MaxConcurrency, ct);
            if (count == 0) return moreEvents;
            claimed = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.LeaseOwner == owner).Select(s => s.Id).ToListAsync(ct);
        }
        var results = await Task.WhenAll(claimed.Select(id => DeliverAsync(id, owner, settled, ct)));
        return moreEvents || results.Any(full => full);
    }

    /// <summary>Sends one claimed subscription's next events in order; true when it had a full batch (more may be waiting).</summary>
    private async Task<bool> DeliverAsync(Guid subscriptionId, string owner, long settled, CancellationToken ct)
    {
        var o = options.Value;
        var started = Stopwatch.GetTimestamp();
        var budget = TimeSpan.FromSeconds(Math.Max(1, o.LeaseSeconds - o.TimeoutSeconds - 5));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HybridOrdersDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<WebhookSender>();
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == subscriptionId && s.LeaseOwner == owner, ct);
        if (subscription is null) return false;

        var full = false;
        try
        {
            var pending = db.Events.AsNoTracking().Where(e => e.Id > subscription.Cursor && e.Id <= settled);
            if (!subscription.ReceivesAll)
            {
                var types = subscription.Types.ToList();
                pending = pending.Where(e => types.Contains(e.Type));
            }
            var batch = await pending.OrderBy(e => e.Id).Take(o.BatchSize).ToListAsync(ct);
            var done = 0;
            foreach (var e in batch)
            {
                if (Stopwatch.GetElapsedTime(started) > budget) break;
                var outcome = await sender.SendAsync(subscription.Url, subscription.Secret, e, ct);
                var now = clock.GetCurrentInstant();
                db.WebhookDeliveries.Add(new WebhookDelivery(subscription.Id, e.Id, e.Type, subscription.FailedAttempts + 1,
                    outcome.StatusCode, outcome.Error, now, outcome.DurationMs));
                if (!outcome.Succeeded)
                {
                    subscription.Failed(now, outcome.Error ?? $"HTTP {outcome.StatusCode}", o.RetryDelays,
                        Duration.FromHours(o.DisableAfterHours));
                    logger.LogWarning("Webhook {Subscription} failed on event {EventId} (attempt {Attempt}): {Error}", subscription.Id, e.Id,
                        subscription.FailedAttempts, outcome.Error);
                    if (subscription.Status == WebhookStatus.Disabled)
                        logger.LogWarning("Webhook {Subscription} disabled: {Reason}", subscription.Id, subscription.DisabledReason);
                    break;
                }
                subscription.Delivered(e.Id);
                done++;
            }
            if (done == batch.Count && batch.Count < o.BatchSize) subscription.SkipTo(settled); // nothing else of its types up to the mark
            full = done == o.BatchSize;
        }
        finally
        {
            subscription.ReleaseLease();
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateException)
            {
                // The lease ran out and another dispatcher took the subscription over (its progress counts, not ours), or
                // the subscription was deleted meanwhile.
                logger.LogWarning("Webhook {Subscription}: lease lost or subscription deleted before saving progress", subscriptionId);
            }
        }
        return full;
    }

    private async Task CleanupAsync(HybridOrdersDbContext db, Instant now, CancellationToken ct)
    {
        if (now - _lastCleanup < Duration.FromHours(1)) return;
        _lastCleanup = now;
        var before = now - Duration.FromDays(options.Value.DeliveryLogDays);
        await db.WebhookDeliveries.Where(d => d.At < before).ExecuteDeleteAsync(ct);
    }
}
