using System.Data.Common;
using HybridOrders.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HybridOrders.Api.Tests.Database;

/// <summary>
/// The committed scripts run as a DBA would run them: on a fresh database, they create every table of the model and
/// leave EF's history saying that no migration is pending. The PostgreSQL script also runs a second time unchanged.
/// </summary>
public sealed class ScriptApplyTests
{
    [Fact]
    public async Task PostgreSQL_script_creates_the_schema_and_can_run_twice()
    {
        var script = ProviderScript.All["postgresql"];
        var database = $"ho_script_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await admin.OpenAsync();
            await Execute(admin, $"CREATE DATABASE \"{database}\"");
        }
        var connectionString = $"{PostgresServer.ConnectionString};Database={database}";
        try
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await Execute(connection, script.Committed());
                await Execute(connection, script.Committed()); // idempotent: every step checks the migrations history

                var tables = await Strings(connection,
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
                tables.ShouldBe(script.ExpectedTables(), ignoreOrder: true);
            }
            await ShouldHaveNoPendingMigrations(script, connectionString);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
            await admin.OpenAsync();
            await Execute(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    [Fact]
    public async Task SQLite_script_creates_the_schema_on_an_empty_file()
    {
        var script = ProviderScript.All["sqlite"];
        var file = Path.Combine(Path.GetTempPath(), $"ho_script_{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={file};Pooling=False";
        try
        {
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync();
                await Execute(connection, script.Committed());

                var tables = await Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
                tables.ShouldBe(script.ExpectedTables(), ignoreOrder: true);
            }
            await ShouldHaveNoPendingMigrations(script, connectionString);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task ShouldHaveNoPendingMigrations(ProviderScript script, string connectionString)
    {
        await using var db = script.Context(connectionString);
        var pending = await db.Database.GetPendingMigrationsAsync();
        pending.ShouldBeEmpty($"{script.RelativePath} left migrations unapplied: {ProviderScript.RegenerateHint}.");
    }

    private static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<HashSet<string>> Strings(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
