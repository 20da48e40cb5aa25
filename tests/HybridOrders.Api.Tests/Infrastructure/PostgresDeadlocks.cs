namespace HybridOrders.Api.Tests.Infrastructure;

public static class PostgresDeadlocks
{
    /// <summary>PostgreSQL's own count of deadlocks it broke in this test's database. Backends report their statistics lazily,
    /// and at the latest when they end: closing the pooled connections first makes the figure complete.</summary>
    public static async Task<long> CountAsync(PostgresApiFactory factory)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await using var connection = new Npgsql.NpgsqlConnection($"{factory.DatabaseConnectionString};Pooling=false");
        await connection.OpenAsync();
        const string local = "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()";
        // On Citus every node breaks its own deadlocks (a cycle across nodes is cancelled by Citus with 40P01, and retried).
        var sql = factory is CitusApiFactory ? $"SELECT sum(result::bigint)::bigint FROM run_command_on_all_nodes($${local}$$)" : local;
        await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_stat_clear_snapshot(); {sql}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }
}
