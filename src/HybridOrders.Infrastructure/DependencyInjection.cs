using HybridOrders.Application.Catalog;
using HybridOrders.Application.Common;
using HybridOrders.Infrastructure.Background;
using HybridOrders.Infrastructure.Idempotency;
using HybridOrders.Infrastructure.Outbox;
using HybridOrders.Infrastructure.Persistence;
using HybridOrders.Infrastructure.Seed;
using HybridOrders.Infrastructure.Stock;
using HybridOrders.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;

namespace HybridOrders.Infrastructure;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>sqlite</c> (default), <c>postgresql</c> or <c>sqlserver</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    public bool MigrateOnStartup { get; set; } = true;
}

public static class DependencyInjection
{
    public const string ConnectionStringName = "HybridOrders";

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.Configure<Background.ReservationOptions>(configuration.GetSection(Background.ReservationOptions.Section));
        services.Configure<IdempotencyOptions>(configuration.GetSection(IdempotencyOptions.Section));
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<OutboxInterceptor>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxCommitInterceptor>();
        services.Configure<StockOptions>(configuration.GetSection(StockOptions.Section));
        services.Configure<TransactionRetryOptions>(configuration.GetSection(TransactionRetryOptions.Section));

        var provider = (configuration[$"{DatabaseOptions.Section}:Provider"] ?? "sqlite").Trim().ToLowerInvariant();
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        switch (provider)
        {
            case "sqlite":
                AddContext<SqliteHybridOrdersDbContext>(services, o => o.UseSqlite(connectionString ?? "Data Source=hybridorders.db", s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
                break;
            case "postgresql":
                AddContext<PostgresHybridOrdersDbContext>(services, o => o.UseNpgsql(PostgresDefaults(Require(connectionString, provider)), n => n.UseNodaTime().UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)
                    .ConfigureDataSource(GenericPlans)));
                break;
            case "sqlserver":
                AddContext<SqlServerHybridOrdersDbContext>(services, o => o.UseSqlServer(Require(connectionString, provider), s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery)));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use sqlite, postgresql or sqlserver.");
        }

        services.AddSingleton<IClock>(new Time.MicrosecondClock(SystemClock.Instance));
        services.AddSingleton<IDateTimeZoneProvider>(DateTimeZoneProviders.Tzdb);
        services.AddSingleton(new ShopSettings(configuration["Shop:Currency"] ?? "EUR"));
        services.AddSingleton(new Application.Common.FulfilmentSettings(
            PickupDays: configuration.GetValue("Fulfilment:PickupDays", 3),
            AlternativesRadiusKm: configuration.GetValue("Fulfilment:AlternativesRadiusKm", 50.0)));
        services.AddSingleton(new Application.Common.ReturnSettings(configuration.GetValue("Returns:WindowDays", 30)));
        services.AddSingleton(new Application.Analytics.AnalyticsSettings(configuration.GetValue("Analytics:ReadyTargetMinutes", 120)));
        services.AddScoped<IStockLedger, StockLedger>();
        services.AddScoped<ICustomerClaims, Customers.CustomerClaims>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<Application.Forecasting.ISalesHistoryStatistics, Persistence.SalesHistoryStatistics>();
        services.AddSingleton<TransactionRetry>();
        services.AddScoped<IIdempotencyStore, IdempotencyStore>();
        services.AddScoped<DemoSeeder>();

        services.AddSingleton<DatabaseReadiness>();
        services.AddHostedService<DatabaseStartupService>();
        services.AddSingleton<ExpiryService>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiryService>());
        services.AddHostedService<IdempotencyCleanupService>();

        services.AddEventsAndWebhooks(configuration);

        services.AddSingleton<BackgroundHeartbeats>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<BackgroundServicesHealthCheck>("background", tags: ["ready"]);
        return services;
    }

    private static void AddContext<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : HybridOrdersDbContext
    {
        // The outbox interceptor turns raised domain events into outbox rows in every SaveChanges (same transaction).
        services.AddDbContextPool<TContext>((sp, o) =>
        {
            configure(o);
            o.AddInterceptors(sp.GetRequiredService<OutboxInterceptor>(), sp.GetRequiredService<OutboxCommitInterceptor>());
        });
        services.AddScoped<HybridOrdersDbContext>(sp => sp.GetRequiredService<TContext>());
        services.AddScoped<IHybridOrdersDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    /// <summary>Unless the connection string says otherwise: no DISCARD ALL when a pooled connection is reused (nothing here
    /// keeps session state), and automatic preparation, so the hot statements are parsed once per connection (and, with
    /// <see cref="GenericPlans"/>, planned once).</summary>
    private static string PostgresDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 64;
        if (!connectionString.Contains("Auto Prepare Min Usages", StringComparison.OrdinalIgnoreCase)) builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    /// <summary>Generic plans for every statement of a new server session (ADR 0017), unless the plan cache mode was set for it
    /// anywhere (server configuration, role, database, the connection string's <c>Options</c>) or the database is a Citus
    /// coordinator, which cannot run some of the API's statements (a ledger change and its movement in one statement) as
    /// generic plans. One statement per physical connection, when the pool opens it.</summary>
    private static void GenericPlans(Npgsql.NpgsqlDataSourceBuilder builder) =>
        builder.UsePhysicalConnectionInitializer(
            connection => GenericPlansCommand(connection).ExecuteNonQuery(),
            async connection => { await using var command = GenericPlansCommand(connection); await command.ExecuteNonQueryAsync(); });

    private static Npgsql.NpgsqlCommand GenericPlansCommand(Npgsql.NpgsqlConnection connection) => new("""
        SELECT set_config('plan_cache_mode', 'force_generic_plan', false) FROM pg_settings
        WHERE name = 'plan_cache_mode' AND source = 'default' AND NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')
        """, connection);

    /// <summary>The outbox, the feed's settle rule, webhook subscriptions and their dispatcher. The host registers
    /// <see cref="Application.Events.EventJson"/> (the wire JSON options).</summary>
    private static void AddEventsAndWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new Application.Events.EventSettings(Duration.FromSeconds(configuration.GetValue("Events:GapTimeoutSeconds", 10))));
        services.AddScoped<EventOutbox>();
        services.AddScoped<Application.Events.IEventOutbox>(sp => sp.GetRequiredService<EventOutbox>());
        services.AddSingleton<WebhookAddressPolicy>();
        services.AddSingleton<Application.Webhooks.IWebhookUrlPolicy>(sp => sp.GetRequiredService<WebhookAddressPolicy>());
        services.AddHttpClient(WebhookSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan) // the sender's own 10 s timeout applies
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<WebhookAddressPolicy>().ConnectAsync, // SSRF check at every connect
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2), // DNS changes are seen
                ConnectTimeout = TimeSpan.FromSeconds(10),
                UseProxy = false,
            })
            // The dispatcher logs what matters (failures, never the secret); the factory's per-request logging handlers would
            // only cost each delivery a logging scope.
            .RemoveAllLoggers();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
    }

    private static string Require(string? connectionString, string provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"Database:Provider '{provider}' needs ConnectionStrings:{ConnectionStringName}.")
            : connectionString;
}

/// <summary>Ready means: the database answers and every migration is applied (and start-up seeding is done).</summary>
internal sealed class DatabaseHealthCheck(HybridOrdersDbContext db, DatabaseReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct)) return HealthCheckResult.Unhealthy("The database cannot be reached.");
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0) return HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}.");
            return readiness.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Start-up (migrations, seed) still running.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", ex);
        }
    }
}
