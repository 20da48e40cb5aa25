using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Stock;

/// <summary>api.md, "Bulk stock sync": POST /stock/sync sets absolute counts line by line, through the real pipeline.</summary>
public abstract class StockSyncTests(ApiFactory factory)
{
    private const string Sync = "/api/v1/stock/sync";
    private readonly HttpClient _admin = factory.Admin();

    private async Task<(string Location, string[] Skus)> StoreAsync(params int[] onHand)
    {
        var location = await _admin.CreateLocationAsync();
        var skus = new string[onHand.Length];
        for (var i = 0; i < onHand.Length; i++)
        {
            skus[i] = await _admin.CreateProductAsync();
            if (onHand[i] > 0) await _admin.ReceiveAsync(location, skus[i], onHand[i]);
        }
        return (location, skus);
    }

    private async Task<JsonArray> MovementsAsync(string location, string sku) =>
        (await _admin.GetJsonAsync($"/api/v1/locations/{location}/stock/{sku}/movements?limit=500")).Expect(HttpStatusCode.OK)["items"]!.AsArray();

    private async Task<IReadOnlyList<string>> StockedSkusAsync(string location) =>
        (await _admin.GetJsonAsync($"/api/v1/locations/{location}/stock?limit=500")).Expect(HttpStatusCode.OK)["items"]!.AsArray()
        .Select(l => l!.Get<string>("sku")).ToList();

    [Fact]
    public async Task Counts_are_set_with_adjustments_and_lines_already_right_write_nothing()
    {
        var (location, skus) = await StoreAsync(10, 5, 0, 0);
        var (a, b, fresh, zero) = (skus[0], skus[1], skus[2], skus[3]);

        var body = (await _admin.PostJsonAsync(Sync, new
        {
            locationCode = location,
            reference = "erp-2026-12-02",
            lines = new object[]
            {
                new { sku = a, onHand = 7 }, new { sku = b, onHand = 5 }, new { sku = fresh, onHand = 4 }, new { sku = zero, onHand = 0 },
            },
        })).Expect(HttpStatusCode.OK);

        body["applied"]!.GetValue<int>().ShouldBe(2);
        body["unchanged"]!.GetValue<int>().ShouldBe(2);
        body["refused"]!.AsArray().ShouldBeEmpty();

        var stockA = await _admin.StockAsync(location, a);
        (stockA.OnHand, stockA.Movements).ShouldBe((7, 2));
        stockA.ShouldAgreeWithLedger();
        var adjustment = (await MovementsAsync(location, a)).Last()!;
        (adjustment.Get<string>("kind"), adjustment.Get<int>("onHandDelta"), adjustment.Get<int>("reservedDelta"), adjustment.Get<string>("reference"))
            .ShouldBe(("adjustment", -3, 0, "erp-2026-12-02"));

        (await _admin.StockAsync(location, b)).Movements.ShouldBe(1); // only its receipt
        var created = await _admin.StockAsync(location, fresh);
        (created.OnHand, created.Reserved, created.Movements).ShouldBe((4, 0, 1));
        created.ShouldAgreeWithLedger();
        (await StockedSkusAsync(location)).ShouldNotContain(zero); // a count of 0 for a line that does not exist creates nothing
    }

    [Fact]
    public async Task A_sync_crossing_a_threshold_is_stock_low_or_back_in_stock_like_any_other_ledger_change()
    {
        var (location, skus) = await StoreAsync(10, 0, 6);
        var (falls, arrives, stays) = (skus[0], skus[1], skus[2]);
        (await _admin.SendAsync(HttpMethod.Put, $"/api/v1/locations/{location}/stock/{falls}/low-stock-threshold", new { quantity = 3 }))
            .Expect(HttpStatusCode.OK);

        (await _admin.PostJsonAsync(Sync, new
        {
            locationCode = location,
            reference = "erp-thresholds",
            lines = new object[] { new { sku = falls, onHand = 2 }, new { sku = arrives, onHand = 5 }, new { sku = stays, onHand = 4 } },
        })).Expect(HttpStatusCode.OK)["applied"]!.GetValue<int>().ShouldBe(3);

        async Task<List<(string Type, int Available)>> EventsAsync(string sku, int expected)
        {
            for (var i = 0; ; i++)
            {
                // every page: the database may hold the events of other test classes (on Citus they share one)
                var mine = new List<(string, int)>();
                for (string? cursor = "0"; cursor is not null;)
                {
                    var page = (await _admin.GetJsonAsync($"/api/v1/events?types=stock.low,stock.back_in_stock&limit=500&after={cursor}")).Expect(HttpStatusCode.OK);
                    mine.AddRange(page["items"]!.AsArray().Select(e => e!).Where(e => e["data"]!.Get<string>("sku") == sku)
                        .Select(e => (e.Get<string>("type"), e["data"]!.Get<int>("available"))));
                    cursor = page["nextCursor"]?.GetValue<string>();
                }
                if (mine.Count >= expected || i == 50) return mine;
                await Task.Delay(100);
            }
        }
        // 10 → 2 with a threshold of 3: low; a new line 0 → 5: back in stock; 6 → 4 stays above 0: only its receipt's event
        (await EventsAsync(falls, 2)).ShouldBe([("stock.back_in_stock", 10), ("stock.low", 2)]);
        (await EventsAsync(arrives, 1)).ShouldBe([("stock.back_in_stock", 5)]);
        (await EventsAsync(stays, 1)).ShouldBe([("stock.back_in_stock", 6)]);
    }

    [Fact]
    public async Task Each_refused_line_says_why_and_the_other_lines_apply()
    {
        var (location, skus) = await StoreAsync(10, 10, 10, 10);
        var pos = factory.Pos(location);
        (await pos.PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = location, channel = "pos", customer = new { name = "Ida" }, lines = new[] { new { sku = skus[2], quantity = 6 } },
        })).Expect(HttpStatusCode.Created);
        var unknownSku = Infrastructure.Api.Unique("NOSKU");
        var unknownLocation = Infrastructure.Api.Unique("NOLOC");

        var body = (await _admin.PostJsonAsync(Sync, new
        {
            locationCode = location,
            reference = "store-count",
            lines = new object[]
            {
                new { sku = skus[0], onHand = 12, compareOnHand = 10 },             // 0: applies (compare matches)
                new { sku = skus[1], onHand = 12, compareOnHand = 9 },              // 1: compare_failed
                new { sku = skus[2], onHand = 5 },                                  // 2: count_below_reserved (6 held)
                new { sku = unknownSku, onHand = 5 },                               // 3: unknown_sku
                new { locationCode = unknownLocation, sku = skus[3], onHand = 5 },  // 4: unknown_location
                new { sku = skus[3], onHand = 0 },                                  // 5: applies
            },
        })).Expect(HttpStatusCode.OK);

        body["applied"]!.GetValue<int>().ShouldBe(2);
        body["unchanged"]!.GetValue<int>().ShouldBe(0);
        var refused = body["refused"]!.AsArray();
        refused.Select(r => (r!.Get<int>("index"), r!.Get<string>("code"))).ShouldBe(
            [(1, "compare_failed"), (2, "count_below_reserved"), (3, "unknown_sku"), (4, "unknown_location")]);
        refused[0]!.Get<string>("sku").ShouldBe(skus[1]);
        refused[0]!.Get<string>("locationCode").ShouldBe(location);
        refused[0]!.Get<string>("detail").ShouldContain("10");
        refused[3]!.Get<string>("locationCode").ShouldBe(unknownLocation);
        refused.ShouldAllBe(r => r!["detail"]!.GetValue<string>().Length > 0);

        (await _admin.StockAsync(location, skus[0])).OnHand.ShouldBe(12);
        (await _admin.StockAsync(location, skus[1])).Movements.ShouldBe(1);
        var held = await _admin.StockAsync(location, skus[2]);
        (held.OnHand, held.Reserved).ShouldBe((10, 6));
        var emptied = await _admin.StockAsync(location, skus[3]);
        emptied.OnHand.ShouldBe(0);
        emptied.ShouldAgreeWithLedger();
    }

    [Fact]
    public async Task Lines_name_their_own_locations_and_a_large_batch_applies_whole()
    {
        var first = await _admin.CreateLocationAsync();
        var second = await _admin.CreateLocationAsync();
        var skus = new List<string>();
        for (var i = 0; i < 30; i++) skus.Add(await _admin.CreateProductAsync());
        await _admin.ReceiveAsync(first, skus[0], 3);

        // 60 lines over two locations, each line with its own location; then the same again with half of them changed.
        object[] Lines(Func<int, int> count) => skus.SelectMany((sku, i) => new object[]
        {
            new { locationCode = first, sku, onHand = count(i) }, new { locationCode = second, sku, onHand = count(i) + 1 },
        }).ToArray();
        var once = (await _admin.PostJsonAsync(Sync, new { reference = "initial", lines = Lines(i => 10 + i) })).Expect(HttpStatusCode.OK);
        (once["applied"]!.GetValue<int>(), once["unchanged"]!.GetValue<int>()).ShouldBe((60, 0));
        var again = (await _admin.PostJsonAsync(Sync, new { reference = "delta", lines = Lines(i => i % 2 == 0 ? 10 + i : 20 + i) }))
            .Expect(HttpStatusCode.OK);
        (again["applied"]!.GetValue<int>(), again["unchanged"]!.GetValue<int>()).ShouldBe((30, 30));

        var line = await _admin.StockAsync(first, skus[1]);
        (line.OnHand, line.Movements).ShouldBe((21, 2));
        line.ShouldAgreeWithLedger();
        var received = await _admin.StockAsync(first, skus[0]);
        (received.OnHand, received.Movements).ShouldBe((10, 2)); // receipt of 3, then +7
        received.ShouldAgreeWithLedger();
        (await _admin.StockAsync(second, skus[29])).OnHand.ShouldBe(50);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_is_answered_again_without_applying_twice()
    {
        var (location, skus) = await StoreAsync(10);
        var request = new { locationCode = location, reference = "erp-1", lines = new[] { new { sku = skus[0], onHand = 8 } } };
        var key = Infrastructure.Api.Unique("sync");

        var first = (await _admin.PostJsonAsync(Sync, request, key)).Expect(HttpStatusCode.OK);
        // Between the two, someone counts again: a replay must not set 8 a second time.
        (await _admin.PostJsonAsync("/api/v1/stock/adjustments", new { locationCode = location, sku = skus[0], countedQuantity = 9, reason = "recount" }))
            .Expect(HttpStatusCode.Created);
        var replay = (await _admin.PostJsonAsync(Sync, request, key)).Expect(HttpStatusCode.OK);

        replay.ToJsonString().ShouldBe(first.ToJsonString());
        var stock = await _admin.StockAsync(location, skus[0]);
        (stock.OnHand, stock.Movements).ShouldBe((9, 3));
        (await _admin.PostJsonAsync(Sync, request with { reference = "erp-2" }, key)).ExpectProblem(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Fact]
    public async Task Malformed_requests_are_400_problems_and_write_nothing()
    {
        var (location, skus) = await StoreAsync(10);
        var good = new { sku = skus[0], onHand = 1 };

        async Task RefusedAsync(object body, string field)
        {
            var problem = (await _admin.PostJsonAsync(Sync, body)).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
            problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field, problem.ToJsonString());
        }

        await RefusedAsync(new { locationCode = location, reference = "x", lines = Array.Empty<object>() }, "lines");
        await RefusedAsync(new { locationCode = location, reference = "x", lines = Enumerable.Repeat<object>(good, 5_001) }, "lines");
        await RefusedAsync(new { locationCode = location, lines = new object[] { good } }, "reference");
        await RefusedAsync(new { reference = "x", lines = new object[] { good, new { sku = skus[0], onHand = 2, locationCode = location } } }, "lines[0].locationCode");
        await RefusedAsync(new { locationCode = location, reference = "x", lines = new object[] { good, new { sku = skus[0], onHand = -1 } } }, "lines[1].onHand");
        await RefusedAsync(new { locationCode = location, reference = "x", lines = new object[] { good, new { sku = skus[0], onHand = 2 } } }, "lines[1]");
        await RefusedAsync(new { locationCode = location, reference = "x", lines = new object[] { good, new { sku = "not valid!", onHand = 2 } } }, "lines[1].sku");
        await RefusedAsync(new { locationCode = location, reference = "x", lines = new object[] { good, new { sku = skus[0], onHand = 2, compareOnHand = -3 } } }, "lines[1].compareOnHand");
        await RefusedAsync("""{"locationCode":"X","reference":"x","lines":[{"sku":"A","onHand":"many"}]}""", "lines[0].onHand");

        var stock = await _admin.StockAsync(location, skus[0]);
        (stock.OnHand, stock.Movements).ShouldBe((10, 1));
    }

    [Fact]
    public async Task A_pos_terminal_syncs_its_own_store_only()
    {
        var (own, ownSkus) = await StoreAsync(10);
        var (other, otherSkus) = await StoreAsync(10);
        var pos = factory.Pos(own);

        (await pos.PostJsonAsync(Sync, new { locationCode = own, reference = "till", lines = new[] { new { sku = ownSkus[0], onHand = 4 } } }))
            .Expect(HttpStatusCode.OK)["applied"]!.GetValue<int>().ShouldBe(1);
        (await pos.PostJsonAsync(Sync, new
        {
            locationCode = own, reference = "till",
            lines = new object[] { new { sku = ownSkus[0], onHand = 3 }, new { locationCode = other, sku = otherSkus[0], onHand = 3 } },
        })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await factory.Storefront().PostJsonAsync(Sync, new { locationCode = own, reference = "x", lines = new[] { new { sku = ownSkus[0], onHand = 1 } } }))
            .Status.ShouldBe(HttpStatusCode.Forbidden);

        (await _admin.StockAsync(own, ownSkus[0])).OnHand.ShouldBe(4);
        (await _admin.StockAsync(other, otherSkus[0])).OnHand.ShouldBe(10);
    }

    [Fact]
    public async Task Concurrent_syncs_and_holds_on_the_same_lines_keep_every_figure_and_its_ledger_in_step()
    {
        var (location, skus) = await StoreAsync(Enumerable.Repeat(100, 12).ToArray());
        var pos = factory.Pos(location);

        // Syncs naming the lines in opposite orders, with holds in between: the rows are locked in one order, so nothing deadlocks.
        var syncs = Enumerable.Range(0, 6).Select(n => _admin.PostJsonAsync(Sync, new
        {
            locationCode = location, reference = $"sync-{n}",
            lines = (n % 2 == 0 ? skus : skus.Reverse()).Select(sku => new { sku, onHand = 100 + n }).ToArray(),
        }));
        var holds = Enumerable.Range(0, 12).Select(n => pos.PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = location, channel = "pos", customer = new { name = "Race" }, lines = new[] { new { sku = skus[n], quantity = 1 } },
        }));
        var answers = await Task.WhenAll(syncs.Concat(holds));

        answers.Take(6).ShouldAllBe(a => a.Status == HttpStatusCode.OK);
        answers.Skip(6).ShouldAllBe(a => a.Status == HttpStatusCode.Created);
        foreach (var sku in skus)
        {
            var stock = await _admin.StockAsync(location, sku);
            stock.ShouldAgreeWithLedger();
            stock.OnHand.ShouldBeInRange(100, 105);
            stock.Reserved.ShouldBe(1);
        }
    }
}

public sealed class StockSyncTestsOnSqlite(SqliteApiFactory factory) : StockSyncTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class StockSyncTestsOnPostgres(PostgresApiFactory factory) : StockSyncTests(factory), IClassFixture<PostgresApiFactory>;

/// <summary>On the Citus cluster, where the sync takes the portable path (a multi-shard FOR UPDATE cannot be planned there, ADR 0012).</summary>
[Collection(CitusCollection.Name)]
public sealed class StockSyncTestsOnCitus(CitusApiFactory factory) : StockSyncTests(factory), IClassFixture<CitusApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => CitusCluster.EveryLedgerShouldReconcileAsync();
}
