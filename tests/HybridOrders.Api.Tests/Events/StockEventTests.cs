using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Events;

/// <summary>stock.low / stock.back_in_stock fire when a line's available crosses its threshold, from the ledger's own updates.</summary>
public abstract class StockEventTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    private async Task<List<JsonNode>> StockEventsAsync(string sku, int expected)
    {
        for (var i = 0; ; i++)
        {
            // every page: the database may hold the events of other test classes (on Citus they share one)
            var mine = new List<JsonNode>();
            for (string? cursor = "0"; cursor is not null;)
            {
                var page = (await _admin.GetJsonAsync($"/api/v1/events?types=stock.low,stock.back_in_stock&limit=500&after={cursor}")).Expect(HttpStatusCode.OK);
                mine.AddRange(page["items"]!.AsArray().Select(e => e!).Where(e => e["data"]!.Get<string>("sku") == sku));
                cursor = page["nextCursor"]?.GetValue<string>();
            }
            if (mine.Count >= expected || i == 50) return mine;
            await Task.Delay(100);
        }
    }

    private Task<(HttpStatusCode Status, JsonNode? Body)> HoldAsync(HttpClient pos, string location, string sku, int quantity, object? customer = null) =>
        pos.PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = location, channel = "pos", customer = customer ?? new { name = "Anna" }, lines = new[] { new { sku, quantity } },
        });

    [Fact]
    public async Task Selling_out_is_stock_low_and_a_release_is_back_in_stock()
    {
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(location, sku, 3); // 0 → 3: back in stock
        var pos = factory.Pos(location);

        var first = (await HoldAsync(pos, location, sku, 2)).Expect(HttpStatusCode.Created); // 3 → 1: still above 0
        var last = (await HoldAsync(pos, location, sku, 1)).Expect(HttpStatusCode.Created).Get<string>("id"); // 1 → 0: low
        (await HoldAsync(pos, location, sku, 1)).ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock"); // refused: nothing
        (await pos.PostJsonAsync($"/api/v1/reservations/{last}/release", null)).Expect(HttpStatusCode.OK); // 0 → 1: back

        var events = await StockEventsAsync(sku, 3);
        events.Select(e => e.Get<string>("type")).ShouldBe(["stock.back_in_stock", "stock.low", "stock.back_in_stock"]);
        events.Select(e => e["data"]!.Get<int>("available")).ShouldBe([3, 0, 1]);
        events.ShouldAllBe(e => e["data"]!.Get<string>("locationCode") == location);
        first.Get<string>("status").ShouldBe("active");
        // a POS key of that store sees them in its feed
        var posFeed = (await pos.GetJsonAsync($"/api/v1/events?types=stock.low&limit=500&after={events[0].Get<long>("id") - 1}"))
            .Expect(HttpStatusCode.OK)["items"]!.AsArray();
        posFeed.ShouldContain(e => e!["data"]!["sku"]!.GetValue<string>() == sku);
    }

    [Fact]
    public async Task A_threshold_per_stock_line_decides_when_it_is_low()
    {
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(location, sku, 10);
        var line = (await _admin.SendAsync(HttpMethod.Put, $"/api/v1/locations/{location}/stock/{sku}/low-stock-threshold", new { quantity = 4 }))
            .Expect(HttpStatusCode.OK);
        line.Get<int>("lowStockThreshold").ShouldBe(4);
        var pos = factory.Pos(location);
        // A customer the registry knows after the first hold: on PostgreSQL their later holds are one self-committing statement
        // unless they cross the threshold, which must still add its event (the statement leaves those to the transactional path).
        var customer = new { email = $"{Infrastructure.Api.Unique("low")}@example.com" };

        (await HoldAsync(pos, location, sku, 5, customer)).Expect(HttpStatusCode.Created); // 10 → 5: above 4
        (await HoldAsync(pos, location, sku, 1, customer)).Expect(HttpStatusCode.Created); // 5 → 4: low
        (await HoldAsync(pos, location, sku, 1, customer)).Expect(HttpStatusCode.Created); // 4 → 3: still low, no second event
        (await _admin.PostJsonAsync("/api/v1/stock/adjustments", new { locationCode = location, sku, countedQuantity = 20, reason = "count" }))
            .Expect(HttpStatusCode.Created); // on-hand 20, reserved 7: available 13, back

        var events = await StockEventsAsync(sku, 3);
        events.Select(e => e.Get<string>("type")).ShouldBe(["stock.back_in_stock", "stock.low", "stock.back_in_stock"]);
        events.Select(e => e["data"]!.Get<int>("available")).ShouldBe([10, 4, 13]);
        (await _admin.SendAsync(HttpMethod.Put, $"/api/v1/locations/{location}/stock/{sku}/low-stock-threshold", new { quantity = -1 }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
    }
}

public sealed class StockEventTestsOnSqlite(SqliteApiFactory factory) : StockEventTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class StockEventTestsOnPostgres(PostgresApiFactory factory) : StockEventTests(factory), IClassFixture<PostgresApiFactory>;

/// <summary>On the Citus cluster: the stock line's update on its worker returns the figures, the event lands in the coordinator's outbox.</summary>
[Collection(CitusCollection.Name)]
public sealed class StockEventTestsOnCitus(CitusApiFactory factory) : StockEventTests(factory), IClassFixture<CitusApiFactory>;
