using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace HybridOrders.Infrastructure.Background;

/// <summary>Forgets idempotency keys older than the retention (at least 24 hours, as the contract promises).</summary>
internal sealed class IdempotencyCleanupService(IServiceProvider services, DatabaseReadiness readiness, BackgroundHeartbeats heartbeats, IClock clock,
    IOptions<IdempotencyOptions> options, ILogger<IdempotencyCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady(stoppingToken);
            var interval = TimeSpan.FromMinutes(30);
            using var timer = new PeriodicTimer(interval);
            heartbeats.Register("idempotency-cleanup", interval);
            do
            {
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<HybridOrdersDbContext>();
                    var cutoff = clock.GetCurrentInstant() - Duration.FromHours(Math.Max(24, options.Value.RetentionHours));
                    var deleted = await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(stoppingToken);
                    if (deleted > 0) logger.LogInformation("Forgot {Count} idempotency keys older than {Cutoff}", deleted, cutoff);
                    heartbeats.Tick("idempotency-cleanup");
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Idempotency cleanup failed; retrying later");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";
    public int RetentionHours { get; set; } = 48;
}
