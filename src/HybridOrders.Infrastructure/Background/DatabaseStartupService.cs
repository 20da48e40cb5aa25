using HybridOrders.Infrastructure.Persistence;
using HybridOrders.Infrastructure.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HybridOrders.Infrastructure.Background;

/// <summary>Applies migrations at start-up when <c>Database:MigrateOnStartup</c> is true (never EnsureCreated),
/// then seeds the demo network when <c>Demo:Seed</c> is true. Runs before the server takes requests.</summary>
internal sealed class DatabaseStartupService(IServiceProvider services, DatabaseReadiness readiness,
    IOptions<DatabaseOptions> database, IOptions<DemoOptions> demo, ILogger<DatabaseStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HybridOrdersDbContext>();
        if (database.Value.MigrateOnStartup)
        {
            logger.LogInformation("Applying migrations ({Provider})", db.Database.ProviderName);
            await db.Database.MigrateAsync(cancellationToken);
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        if (demo.Value.Seed)
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
