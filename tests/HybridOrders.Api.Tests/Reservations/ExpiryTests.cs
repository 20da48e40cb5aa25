using System.Net;
using HybridOrders.Api.Tests.Infrastructure;
using NodaTime;

namespace HybridOrders.Api.Tests.Reservations;

/// <summary>Holds expire by themselves: a fake clock moves time; the background service (1 s ticks in tests) does the rest.</summary>
public abstract class ExpiryTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    protected static async Task<string> StatusWithinAsync(HttpClient client, string id, string expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        string status;
        do
        {
            status = (await client.GetJsonAsync($"/api/v1/reservations/{id}")).Expect(HttpStatusCode.OK)["status"]!.GetValue<string>();
            if (status == expected) return status;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        return status;
    }

    [Fact]
    public async Task An_active_hold_past_its_expiry_expires_within_ten_seconds_and_its_stock_comes_back()
    {
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(location, sku, 3);
        var pos = factory.Pos(location);
        var id = (await pos.PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = location, channel = "pos", customer = new { name = "Chris" }, lines = new[] { new { sku, quantity = 3 } }, holdMinutes = 5,
        })).Expect(HttpStatusCode.Created)["id"]!.GetValue<string>();

        factory.Clock!.Advance(Duration.FromMinutes(4));
        await Task.Delay(1500); // a sweep runs: not due yet
        (await pos.GetJsonAsync($"/api/v1/reservations/{id}")).Expect(HttpStatusCode.OK)["status"]!.GetValue<string>().ShouldBe("active");

        factory.Clock.Advance(Duration.FromMinutes(1));
        (await StatusWithinAsync(pos, id, "expired", TimeSpan.FromSeconds(10))).ShouldBe("expired");

        var stock = await _admin.StockAsync(location, sku);
        (stock.OnHand, stock.Reserved, stock.Available).ShouldBe((3, 0, 3));
        stock.ShouldAgreeWithLedger();
        (await pos.PostJsonAsync($"/api/v1/reservations/{id}/fulfil", null)).ExpectProblem(HttpStatusCode.Conflict, "reservation_not_active");
    }
}

public sealed class ExpiryTestsOnSqlite(SqliteFakeClockApiFactory factory) : ExpiryTests(factory), IClassFixture<SqliteFakeClockApiFactory>;

public sealed class ExpiryTestsOnPostgres(PostgresFakeClockApiFactory factory) : ExpiryTests(factory), IClassFixture<PostgresFakeClockApiFactory>;

/// <summary>Two API instances on one database race to expire the same holds: each is expired, and its stock released, exactly once.</summary>
public abstract class ExpiryRaceTests(TwoInstancesOnOneDatabase instances)
{
    [Fact]
    public async Task Two_expiry_services_racing_over_the_same_holds_release_each_exactly_once()
    {
        var admin = instances.First.Admin();
        var location = await admin.CreateLocationAsync();
        var sku = await admin.CreateProductAsync(sku: instances.First.NewSku());
        await admin.ReceiveAsync(location, sku, 40);
        var pos = instances.First.Pos(location);
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
            ids.Add((await pos.PostJsonAsync("/api/v1/reservations", new
            {
                locationCode = location, channel = "pos", customer = new { name = $"Customer {i}" }, lines = new[] { new { sku, quantity = 1 } }, holdMinutes = 1,
            })).Expect(HttpStatusCode.Created)["id"]!.GetValue<string>());

        instances.Clock.Advance(Duration.FromMinutes(2));
        // Both instances' background services are ticking; sweep from both explicitly too, at the same moment.
        var sweeps = await Task.WhenAll(instances.First.SweepExpiredAsync(), instances.Second.SweepExpiredAsync(),
            instances.First.SweepExpiredAsync(), instances.Second.SweepExpiredAsync());
        sweeps.Sum().ShouldBeLessThanOrEqualTo(40);

        foreach (var id in ids)
            (await admin.GetJsonAsync($"/api/v1/reservations/{id}")).Expect(HttpStatusCode.OK)["status"]!.GetValue<string>().ShouldBe("expired");
        var stock = await admin.StockAsync(location, sku);
        (stock.OnHand, stock.Reserved).ShouldBe((40, 0));
        stock.ShouldAgreeWithLedger();
        stock.Movements.ShouldBe(1 + 40 + 40); // receipt, 40 reserves, exactly 40 releases
    }
}

public sealed class ExpiryRaceTestsOnPostgres(TwoInstancesOnOneDatabase instances) : ExpiryRaceTests(instances), IClassFixture<TwoInstancesOnOneDatabase>;

/// <summary>The same proof on the Citus cluster; afterwards every ledger of the cluster reconciles.</summary>
[Collection(CitusCollection.Name)]
public sealed class ExpiryRaceTestsOnCitus(TwoInstancesOnCitus instances) : ExpiryRaceTests(instances), IClassFixture<TwoInstancesOnCitus>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => CitusCluster.EveryLedgerShouldReconcileAsync();
}
