using HybridOrders.Api.Tests.Infrastructure;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HybridOrders.Api.Tests.Database;

/// <summary>A host on PostgreSQL whose connection string already passes server options of its own.</summary>
public sealed class PostgresWithOwnOptionsFactory : PostgresApiFactory
{
    protected override string ConnectionString => base.ConnectionString + ";Options=-c statement_timeout=54321";
}

/// <summary>A host on PostgreSQL whose operator chose the plan cache mode in the connection string.</summary>
public sealed class PostgresWithOwnPlanCacheModeFactory : PostgresApiFactory
{
    protected override string ConnectionString => base.ConnectionString + ";Options=-c plan_cache_mode=auto";
}

/// <summary>
/// The API's PostgreSQL sessions plan each prepared statement once (<c>plan_cache_mode = force_generic_plan</c>, ADR 0017): with the
/// server's default, a statement with an array parameter (the order's ship-from candidates and prices) is planned again on every
/// call. The options a connection string brings are kept, a plan cache mode given there wins, and a Citus coordinator keeps the
/// server's rule (it cannot run every statement of the API as a generic plan).
/// </summary>
public sealed class PostgresSessionDefaultsTests(PostgresApiFactory plain, PostgresWithOwnOptionsFactory withOptions,
    PostgresWithOwnPlanCacheModeFactory withMode)
    : IClassFixture<PostgresApiFactory>, IClassFixture<PostgresWithOwnOptionsFactory>, IClassFixture<PostgresWithOwnPlanCacheModeFactory>
{
    [Fact]
    public async Task The_API_s_sessions_use_generic_plans()
    {
        (await SettingAsync(plain, "plan_cache_mode")).ShouldBe("force_generic_plan");
    }

    [Fact]
    public async Task Options_of_the_connection_string_are_kept_beside_the_plan_cache_mode()
    {
        (await SettingAsync(withOptions, "statement_timeout")).ShouldBe("54321ms");
        (await SettingAsync(withOptions, "plan_cache_mode")).ShouldBe("force_generic_plan");
    }

    [Fact]
    public async Task A_plan_cache_mode_in_the_connection_string_wins()
    {
        (await SettingAsync(withMode, "plan_cache_mode")).ShouldBe("auto");
    }

    /// <summary>A server setting as the host's own context sees it (its pool, its connection string).</summary>
    internal static async Task<string> SettingAsync(ApiFactory factory, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HybridOrdersDbContext>();
        return await db.Database.SqlQuery<string>($"SELECT current_setting({name}) AS \"Value\"").SingleAsync();
    }
}

[Collection(CitusCollection.Name)]
public sealed class CitusSessionDefaultsTests(CitusApiFactory factory) : IClassFixture<CitusApiFactory>
{
    [Fact]
    public async Task A_Citus_coordinator_s_sessions_keep_the_server_s_plan_cache_mode()
    {
        (await PostgresSessionDefaultsTests.SettingAsync(factory, "plan_cache_mode")).ShouldBe("auto");
    }
}
