using HybridOrders.Application.Common;
using HybridOrders.Application.Fulfilments;
using HybridOrders.Application.Reservations;
using HybridOrders.Domain.Common;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridOrders.Infrastructure.Background;

/// <summary>Expires holds whose time is up and pickups past their deadline, every few seconds, without any request. Each is
/// expired in its own transaction; when several instances share a database they may pick the same one, and the version
/// check (on the reservation or the order) lets exactly one of them expire it and give its stock back.</summary>
public sealed class ExpiryService(IServiceProvider services, DatabaseReadiness readiness, BackgroundHeartbeats heartbeats,
    IOptions<ReservationOptions> options, ILogger<ExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady(stoppingToken);
            var interval = TimeSpan.FromSeconds(options.Value.ExpirySweepSeconds);
            using var timer = new PeriodicTimer(interval);
            heartbeats.Register(HeartbeatName, interval);
            do
            {
                try
                {
                    await SweepAsync(stoppingToken);
                    heartbeats.Tick(HeartbeatName);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Reservation expiry sweep failed; retrying on the next tick");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public const string HeartbeatName = "expiry-sweeper";

    /// <summary>One sweep: expires every due hold and every pickup past its deadline (in batches); returns how many this instance expired.</summary>
    public async Task<int> SweepAsync(CancellationToken ct) =>
        await SweepAsync(new ListDueReservations(options.Value.ExpiryBatchSize), id => new ExpireReservation(id), "Reservation", ct)
        + await SweepAsync(new ListDuePickups(options.Value.ExpiryBatchSize), id => new ExpirePickup(id), "Pickup", ct);

    private async Task<int> SweepAsync(IQuery<IReadOnlyList<Guid>> listDue, Func<Guid, ICommand<bool>> expire, string what, CancellationToken ct)
    {
        var expired = 0;
        while (true)
        {
            IReadOnlyList<Guid> due;
            await using (var scope = services.CreateAsyncScope())
                due = await scope.ServiceProvider.GetRequiredService<ISender>().Send(listDue, ct);
            if (due.Count == 0) return expired;

            var progressed = false;
            foreach (var id in due)
            {
                await using var scope = services.CreateAsyncScope();
                try
                {
                    if (await scope.ServiceProvider.GetRequiredService<ISender>().Send(expire(id), ct))
                    {
                        expired++;
                        progressed = true;
                        if (what == "Pickup") HybridOrdersMetrics.PickupExpired(); else HybridOrdersMetrics.HoldExpired();
                        logger.LogInformation("{What} {Id} expired; its stock is available again", what, id);
                    }
                }
                catch (DomainException ex)
                {
                    progressed = true; // another instance (or a person at the till) got there first
                    logger.LogDebug("{What} {Id} not expired here: {Reason}", what, id, ex.Message);
                }
            }
            if (!progressed || due.Count < options.Value.ExpiryBatchSize) return expired;
        }
    }
}

public sealed class ReservationOptions
{
    public const string Section = "Reservations";
    public int ExpirySweepSeconds { get; set; } = 2;
    public int ExpiryBatchSize { get; set; } = 200;
}
