using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace HybridOrders.Api.Tests.Concurrency;

/// <summary>
/// A deadlock the product cannot avoid (another database client locks stock lines against the global order) makes PostgreSQL
/// abort one party. When that is the API's transaction it is rolled back whole and run again: the client sees its normal
/// answer; only when every attempt is a victim does it see 503 <c>try_again</c> with <c>Retry-After</c>, never a 500.
/// </summary>
public sealed class DeadlockVictimTests(PostgresApiFactory factory) : IClassFixture<PostgresApiFactory>
{
    [Fact]
    public async Task A_cancel_chosen_as_deadlock_victim_is_retried_and_answers_200()
    {
        var (order, first, second, sku) = await SplitOrderAsync(factory);
        var response = await DeadlockWithAsync(factory, first, second, sku,
            () => factory.Storefront().PostJsonAsync($"/api/v1/orders/{order}/cancel", null));

        var body = response.Expect(HttpStatusCode.OK);
        body.Get<string>("status").ShouldBe("cancelled");
        foreach (var location in new[] { first, second })
        {
            var line = await factory.Admin().StockAsync(location, sku);
            line.Reserved.ShouldBe(0);
            line.ShouldAgreeWithLedger();
        }
    }

    internal static async Task<(string Order, string First, string Second, string Sku)> SplitOrderAsync(PostgresApiFactory api)
    {
        var admin = api.Admin();
        var sku = await admin.CreateProductAsync(5m);
        // Codes chosen so that "first" sorts before "second": the ledger locks first, then second.
        var suffix = Infrastructure.Api.Unique("DL");
        var first = await admin.CreateLocationAsync(code: $"A-{suffix}", latitude: 52.52, longitude: 13.40);
        var second = await admin.CreateLocationAsync(code: $"B-{suffix}", latitude: 52.53, longitude: 13.41);
        await admin.ReceiveAsync(first, sku, 1);
        await admin.ReceiveAsync(second, sku, 1);
        var order = (await api.Storefront().PostJsonAsync("/api/v1/orders", new
        {
            channel = "web", customer = new { id = "deadlock" }, lines = new[] { new { sku, quantity = 2 } },
            fulfilment = new { type = "delivery", address = new { line1 = "Street 1", city = "Berlin", postalCode = "10115", country = "DE", latitude = 52.52, longitude = 13.40 } },
        })).Expect(HttpStatusCode.Created);
        order["fulfilments"]!.AsArray().Count.ShouldBe(2);
        return (order.Get<string>("id"), first, second, sku);
    }

    /// <summary>Another client locks the second line, the cancel locks the first and waits for the second, then the other client
    /// asks for the first: a cycle. The cancel waited longer, so PostgreSQL's deadlock check (after deadlock_timeout, 1 s)
    /// finds the cycle in the cancel's backend and aborts the cancel's transaction.</summary>
    internal static async Task<T> DeadlockWithAsync<T>(PostgresApiFactory api, string first, string second, string sku, Func<Task<T>> cancelOrder)
    {
        await using var other = new NpgsqlConnection($"{PostgresServer.ConnectionString};Database={api.Database};Pooling=false");
        await other.OpenAsync();
        await using var tx = await other.BeginTransactionAsync();
        await TouchAsync(other, tx, second, sku);

        var cancel = cancelOrder();
        await WaitUntilBlockedAsync(api);
        await TouchAsync(other, tx, first, sku); // completes once the cancel, the victim, has rolled back
        await tx.CommitAsync();
        return await cancel;
    }

    private static async Task TouchAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string location, string sku)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE \"StockLines\" SET \"Reserved\" = \"Reserved\" WHERE \"LocationCode\" = @l AND \"Sku\" = @s", connection, tx);
        command.Parameters.AddWithValue("l", location);
        command.Parameters.AddWithValue("s", sku);
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    internal static async Task WaitUntilBlockedAsync(PostgresApiFactory api)
    {
        await using var watcher = new NpgsqlConnection($"{PostgresServer.ConnectionString};Database={api.Database};Pooling=false");
        await watcher.OpenAsync();
        for (var i = 0; i < 200; i++)
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", watcher);
            if ((long)(await command.ExecuteScalarAsync())! > 0) return;
            await Task.Delay(25);
        }
        throw new TimeoutException("The request never waited for the locked stock line.");
    }
}

/// <summary>An API that gives a transaction one attempt only, so that a deadlock victim is answered at once.</summary>
public sealed class SingleAttemptPostgresApiFactory : PostgresApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Retry:MaxAttempts", "1");
    }
}

public sealed class DeadlockVictimWithoutRetryTests(SingleAttemptPostgresApiFactory factory) : IClassFixture<SingleAttemptPostgresApiFactory>
{
    [Fact]
    public async Task A_deadlock_victim_that_may_not_retry_gets_503_try_again_with_retry_after_and_nothing_changed()
    {
        var (order, first, second, sku) = await DeadlockVictimTests.SplitOrderAsync(factory);

        var client = factory.Storefront();
        using var response = await DeadlockVictimTests.DeadlockWithAsync(factory, first, second, sku,
            () => client.PostAsync($"/api/v1/orders/{order}/cancel", null));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem.Get<string>("code").ShouldBe("try_again");
        (await client.GetJsonAsync($"/api/v1/orders/{order}")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("placed");
        foreach (var location in new[] { first, second })
        {
            var line = await factory.Admin().StockAsync(location, sku);
            line.Reserved.ShouldBe(1);
            line.ShouldAgreeWithLedger();
        }
    }
}
