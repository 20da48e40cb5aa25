using Npgsql;
using Shouldly;

namespace HybridOrders.Api.Tests.Infrastructure;

/// <summary>
/// The API on the Citus cluster the test command started (scripts/citus.sh up, HYBRIDORDERS_TEST_CITUS): the same host as on
/// PostgreSQL (provider postgresql, nothing Citus-specific), on the one database the script migrated and distributed. Every Citus
/// class shares it and runs in the <see cref="CitusCollection"/>, one after another. SKUs alternate between the two workers, so a
/// test with several SKUs always spans both (multi-shard transactions, two-phase commit).
/// </summary>
public class CitusApiFactory : PostgresApiFactory
{
    private string? _lastWorker;

    public CitusApiFactory() : base(CitusCluster.Database) { }

    protected override string ConnectionString => CitusCluster.ConnectionString;

    /// <summary>The Citus classes share one database, and some of them run on a fake clock moved hours ahead: their events carry
    /// those future times, so a real-clock host would take every hole in the ids before them for an open transaction and stop
    /// its feed there. The classes run one after another and read the feed only once their own requests have answered, so here
    /// a hole is never waited for (the waiting itself is proven by the feed tests on PostgreSQL and SQLite).</summary>
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Events:GapTimeoutSeconds", "-2592000"); // 30 days back: no fake clock here runs that far ahead
    }

    /// <summary>A unique SKU on the other worker than the previous one this host handed out.</summary>
    public override string NewSku()
    {
        for (var attempt = 0; ; attempt++)
        {
            var sku = base.NewSku();
            var worker = CitusCluster.WorkerOf(sku);
            if (worker != _lastWorker || attempt > 50)
            {
                _lastWorker = worker;
                return sku;
            }
        }
    }
}

public sealed class CitusFakeClockApiFactory : CitusApiFactory
{
    public CitusFakeClockApiFactory() => Clock = new NodaTime.Testing.FakeClock(NodaTime.SystemClock.Instance.GetCurrentInstant());
}

/// <summary>Two API instances on the cluster with one fake clock.</summary>
public sealed class TwoInstancesOnCitus() : TwoInstancesOnOneDatabase(clock => new CitusApiFactory { Clock = clock });

/// <summary>The Citus classes share one database: they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class CitusCollection
{
    public const string Name = "Citus cluster";
}

public static class CitusCluster
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("HYBRIDORDERS_TEST_CITUS")
        ?? throw new InvalidOperationException("HYBRIDORDERS_TEST_CITUS is not set: run the tests with scripts/test.sh, which starts a Citus cluster " +
                                               "(scripts/citus.sh up) and sets it to the coordinator's connection string.");

    public static string Database => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    private static NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>"host:port" of the worker that holds the shard of this SKU's stock lines.</summary>
    public static string WorkerOf(string sku)
    {
        using var connection = Open();
        using var command = new NpgsqlCommand("""
            SELECT nodename || ':' || nodeport FROM citus_shards
            WHERE shardid = get_shard_id_for_distribution_column('"StockLines"', @sku)
            """, connection);
        command.Parameters.AddWithValue("sku", sku);
        return (string)command.ExecuteScalar()!;
    }

    public static async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> row)
    {
        await using var connection = Open();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(row(reader));
        return rows;
    }

    /// <summary>Every stock line of the cluster equals the sum of its ledger (a colocated join: each shard checks its own lines).</summary>
    public static async Task EveryLedgerShouldReconcileAsync()
    {
        var broken = await QueryAsync("""
            SELECT s."LocationCode" || '/' || s."Sku" || ': ' || s."OnHand" || '/' || s."Reserved" || ' vs ledger '
                   || COALESCE(m.on_hand, 0) || '/' || COALESCE(m.reserved, 0)
            FROM "StockLines" s
            LEFT JOIN (SELECT "Sku", "LocationCode", sum("OnHandDelta") AS on_hand, sum("ReservedDelta") AS reserved
                       FROM "StockMovements" GROUP BY "Sku", "LocationCode") m
                   ON m."Sku" = s."Sku" AND m."LocationCode" = s."LocationCode"
            WHERE s."OnHand" <> COALESCE(m.on_hand, 0) OR s."Reserved" <> COALESCE(m.reserved, 0)
            """, r => r.GetString(0));
        broken.ShouldBeEmpty();
    }
}
