using HybridOrders.Api.Auth;
using HybridOrders.Infrastructure.Background;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace HybridOrders.Api.Tests.Infrastructure;

/// <summary>
/// The real API (the whole HTTP pipeline, real database) for one test class. Each factory gets its own database,
/// so classes run in parallel; tests inside a class create their own locations and SKUs with unique codes.
/// </summary>
public abstract class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";
    public const string StorefrontKey = "test-storefront-key";
    public const string LogisticsKey = "test-logistics-key";

    public abstract string Provider { get; }
    protected abstract string ConnectionString { get; }

    /// <summary>OpenTelemetry and GET /metrics on (only the tests about them).</summary>
    public bool Telemetry { get; init; }

    /// <summary>Set for tests that move time (expiry); null means the system clock.</summary>
    public FakeClock? Clock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:HybridOrders", ConnectionString);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Reservations:ExpirySweepSeconds", "1");
        builder.UseSetting("Stock:EnforceLockOrder", "true"); // any path that locks stock lines out of the global order fails its test
        builder.UseSetting("Auth:ApiKeys:0:Key", AdminKey);
        builder.UseSetting("Auth:ApiKeys:0:Role", "admin");
        builder.UseSetting("Auth:ApiKeys:1:Key", StorefrontKey);
        builder.UseSetting("Auth:ApiKeys:1:Role", "storefront");
        builder.UseSetting("Auth:ApiKeys:2:Key", LogisticsKey);
        builder.UseSetting("Auth:ApiKeys:2:Role", "logistics");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // OpenTelemetry off unless a test is about it (MetricsTests): with dozens of hosts in one process every provider
        // would listen to every host's meters.
        builder.UseSetting("Telemetry:Enabled", Telemetry ? "true" : "false");
        builder.ConfigureTestServices(services =>
        {
            if (Clock is not null) services.AddSingleton<IClock>(Clock);
        });
    }

    /// <summary>A unique SKU for a new product (the Citus host picks them so that consecutive ones land on different workers).</summary>
    public virtual string NewSku() => Api.Unique("SKU");

    public HttpClient Admin() => Client(AdminKey);
    public HttpClient Storefront() => Client(StorefrontKey);
    public HttpClient Logistics() => Client(LogisticsKey);

    /// <summary>A POS terminal bound to <paramref name="locationCode"/>.</summary>
    public HttpClient Pos(string locationCode)
    {
        var key = $"test-pos-{locationCode}";
        Services.GetRequiredService<ApiKeyRegistry>().Add(new ApiKeyOptions { Key = key, Name = key, Role = "pos", LocationCode = locationCode });
        return Client(key);
    }

    public HttpClient Anonymous() => CreateClient();

    public HttpClient Client(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>Runs one expiry sweep now, as the background service would on its next tick.</summary>
    public Task<int> SweepExpiredAsync() => Services.GetRequiredService<ExpiryService>().SweepAsync(CancellationToken.None);

    public virtual Task InitializeAsync()
    {
        _ = Server; // start the host: migrations run before the first request
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

public class SqliteApiFactory : ApiFactory
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"hybridorders-test-{Guid.NewGuid():N}.db");

    public override string Provider => "sqlite";
    protected override string ConnectionString => $"Data Source={_file};Default Timeout=60";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
    }
}

public class PostgresApiFactory : ApiFactory
{
    private readonly string _database;

    public PostgresApiFactory() : this($"ho_test_{Guid.NewGuid():N}") { }

    /// <summary>A host on a given database: two factories on one database are two API instances sharing it.</summary>
    internal PostgresApiFactory(string database) => _database = database;

    public string Database => _database;

    /// <summary>The connection string of this host's database, for tests that look into it directly.</summary>
    public string DatabaseConnectionString => ConnectionString;

    public override string Provider => "postgresql";
    // Each host has its own database and so its own pool: idle connections are closed after 15 s (not Npgsql's 300 s), so that the
    // classes that have finished do not keep holding server slots (max_connections) while the rest of the suite runs.
    protected override string ConnectionString => $"{PostgresServer.ConnectionString};Database={_database};Connection Idle Lifetime=15;Connection Pruning Interval=5";
}

/// <summary>The PostgreSQL the test command started (HYBRIDORDERS_TEST_POSTGRES). Tests do not skip when it is
/// missing: they fail, because the suite is only meaningful against the real server.</summary>
public static class PostgresServer
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("HYBRIDORDERS_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Maximum Pool Size=200";
}

/// <summary>Hosts with a fake clock that tests move; each has its own database, so moving time affects no other class.</summary>
public sealed class SqliteFakeClockApiFactory : SqliteApiFactory
{
    public SqliteFakeClockApiFactory() => Clock = new FakeClock(SystemClock.Instance.GetCurrentInstant());
}

public sealed class PostgresFakeClockApiFactory : PostgresApiFactory
{
    public PostgresFakeClockApiFactory() => Clock = new FakeClock(SystemClock.Instance.GetCurrentInstant());
}

/// <summary>Two API instances (two hosts, each with its own background expiry service) sharing one PostgreSQL database and one clock.</summary>
public class TwoInstancesOnOneDatabase : IAsyncLifetime
{
    public FakeClock Clock { get; } = new(SystemClock.Instance.GetCurrentInstant());
    public PostgresApiFactory First { get; }
    public PostgresApiFactory Second { get; }

    public TwoInstancesOnOneDatabase() : this(database: $"ho_test_{Guid.NewGuid():N}") { }

    private TwoInstancesOnOneDatabase(string database) : this(clock => new PostgresApiFactory(database) { Clock = clock }) { }

    /// <summary>Two hosts made by <paramref name="host"/>, which must put both on the same database.</summary>
    protected TwoInstancesOnOneDatabase(Func<FakeClock, PostgresApiFactory> host)
    {
        First = host(Clock);
        Second = host(Clock);
    }

    public async Task InitializeAsync()
    {
        await First.InitializeAsync(); // migrates
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
