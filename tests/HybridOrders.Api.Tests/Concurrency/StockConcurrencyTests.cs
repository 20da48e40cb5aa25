using System.Net;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Concurrency;

/// <summary>Stock must never be oversold and a retried request must never reserve twice: proven with real parallel
/// requests through the HTTP pipeline against PostgreSQL (row locks, READ COMMITTED, a pool of connections).</summary>
public abstract class StockConcurrencyTests(PostgresApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    private static object Hold(string location, params (string Sku, int Quantity)[] lines) => new
    {
        locationCode = location, channel = "app", customer = new { email = "race@example.com" },
        lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray(),
    };

    /// <summary>Starts every request at once (a barrier), so they really compete.</summary>
    private static async Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body)[]> InParallel(int count,
        Func<int, Task<(HttpStatusCode, System.Text.Json.Nodes.JsonNode?)>> request)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await start.Task;
            return await request(i);
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Hundred_parallel_single_unit_holds_on_ten_available_give_exactly_ten_holds()
    {
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(sku: factory.NewSku());
        await _admin.ReceiveAsync(location, sku, 10);
        var pos = factory.Pos(location);

        var results = await InParallel(100, _ => pos.PostJsonAsync("/api/v1/reservations", Hold(location, (sku, 1))));

        results.Count(r => r.Status == HttpStatusCode.Created).ShouldBe(10);
        var refused = results.Where(r => r.Status != HttpStatusCode.Created).ToList();
        refused.Count.ShouldBe(90);
        refused.ShouldAllBe(r => r.Status == HttpStatusCode.Conflict && r.Body!["code"]!.GetValue<string>() == "insufficient_stock");
        var stock = await _admin.StockAsync(location, sku);
        (stock.OnHand, stock.Reserved, stock.Available).ShouldBe((10, 10, 0));
        stock.ShouldAgreeWithLedger();
        stock.Movements.ShouldBe(11); // one receipt and ten reserve rows: refused holds leave nothing behind
    }

    [Fact]
    public async Task Parallel_two_line_holds_of_a_returning_customer_hold_both_lines_or_neither()
    {
        var location = await _admin.CreateLocationAsync();
        var scarce = await _admin.CreateProductAsync(sku: factory.NewSku());
        var ample = await _admin.CreateProductAsync(sku: factory.NewSku());
        await _admin.ReceiveAsync(location, scarce, 5);
        await _admin.ReceiveAsync(location, ample, 50);
        var pos = factory.Pos(location);
        // The customer is known before the race (their one-line holds are one self-committing statement, ADR 0013); holds of
        // two lines lock both in order and take both or neither, in a transaction.
        (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, (ample, 1)))).Expect(HttpStatusCode.Created);

        var results = await InParallel(40, i => pos.PostJsonAsync("/api/v1/reservations",
            i % 2 == 0 ? Hold(location, (scarce, 1), (ample, 1)) : Hold(location, (ample, 1), (scarce, 1))));

        results.Count(r => r.Status == HttpStatusCode.Created).ShouldBe(5);
        results.Where(r => r.Status != HttpStatusCode.Created)
            .ShouldAllBe(r => r.Status == HttpStatusCode.Conflict && r.Body!["code"]!.GetValue<string>() == "insufficient_stock");
        results.Where(r => r.Status == HttpStatusCode.Created).ShouldAllBe(r => r.Body!["lines"]!.AsArray().Count == 2);
        var scarceStock = await _admin.StockAsync(location, scarce);
        var ampleStock = await _admin.StockAsync(location, ample);
        (scarceStock.Reserved, scarceStock.Available).ShouldBe((5, 0));
        ampleStock.Reserved.ShouldBe(6); // the first hold and one unit with each of the five: no refused hold kept a line
        scarceStock.ShouldAgreeWithLedger();
        ampleStock.ShouldAgreeWithLedger();
        (scarceStock.Movements, ampleStock.Movements).ShouldBe((6, 7));
    }

    [Fact]
    public async Task Twenty_parallel_retries_with_one_idempotency_key_give_one_hold()
    {
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(sku: factory.NewSku());
        await _admin.ReceiveAsync(location, sku, 50);
        var pos = factory.Pos(location);
        var key = Guid.NewGuid().ToString();

        var results = await InParallel(20, _ => pos.PostJsonAsync("/api/v1/reservations", Hold(location, (sku, 3)), key));

        results.ShouldAllBe(r => r.Status == HttpStatusCode.Created);
        results.Select(r => r.Body!["id"]!.GetValue<string>()).Distinct().Count().ShouldBe(1);
        var stock = await _admin.StockAsync(location, sku);
        stock.Reserved.ShouldBe(3);
        stock.ShouldAgreeWithLedger();
    }

    [Fact]
    public async Task Multi_line_holds_in_opposite_orders_finish_without_deadlocks()
    {
        var location = await _admin.CreateLocationAsync();
        var a = await _admin.CreateProductAsync(sku: factory.NewSku());
        var b = await _admin.CreateProductAsync(sku: factory.NewSku());
        var c = await _admin.CreateProductAsync(sku: factory.NewSku());
        foreach (var sku in new[] { a, b, c }) await _admin.ReceiveAsync(location, sku, 30);
        var pos = factory.Pos(location);

        // 60 holds of one unit of each SKU, the lines sent in six different orders; 30 fit.
        var orders = new[] { new[] { a, b, c }, [c, b, a], [b, a, c], [a, c, b], [c, a, b], [b, c, a] };
        var results = await InParallel(60, i =>
            pos.PostJsonAsync("/api/v1/reservations", Hold(location, orders[i % orders.Length].Select(s => (s, 1)).ToArray())));

        results.ShouldAllBe(r => r.Status == HttpStatusCode.Created || r.Status == HttpStatusCode.Conflict);
        results.Count(r => r.Status == HttpStatusCode.Created).ShouldBe(30);
        results.Where(r => r.Status == HttpStatusCode.Conflict)
            .ShouldAllBe(r => r.Body!["code"]!.GetValue<string>() == "insufficient_stock");
        foreach (var sku in new[] { a, b, c })
        {
            var stock = await _admin.StockAsync(location, sku);
            (stock.OnHand, stock.Reserved).ShouldBe((30, 30));
            stock.ShouldAgreeWithLedger();
        }
    }

    [Fact]
    public async Task Parallel_first_receipts_of_a_new_sku_all_count()
    {
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(sku: factory.NewSku());

        var results = await InParallel(20, _ => _admin.PostJsonAsync("/api/v1/stock/receipts",
            new { locationCode = location, lines = new[] { new { sku, quantity = 5 } } }));

        results.ShouldAllBe(r => r.Status == HttpStatusCode.Created);
        var stock = await _admin.StockAsync(location, sku);
        stock.OnHand.ShouldBe(100);
        stock.ShouldAgreeWithLedger();
    }

    [Fact]
    public async Task Release_and_fulfil_racing_on_one_hold_let_exactly_one_win()
    {
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(sku: factory.NewSku());
        await _admin.ReceiveAsync(location, sku, 100);
        var pos = factory.Pos(location);

        for (var round = 0; round < 10; round++)
        {
            var id = (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, (sku, 1)))).Expect(HttpStatusCode.Created)["id"]!.GetValue<string>();
            var results = await InParallel(6, i => pos.PostJsonAsync($"/api/v1/reservations/{id}/{(i % 2 == 0 ? "fulfil" : "release")}", null));
            results.Count(r => r.Status == HttpStatusCode.OK).ShouldBe(1);
            results.Where(r => r.Status != HttpStatusCode.OK)
                .ShouldAllBe(r => r.Status == HttpStatusCode.Conflict && r.Body!["code"]!.GetValue<string>() == "reservation_not_active");
        }
        var stock = await _admin.StockAsync(location, sku);
        stock.Reserved.ShouldBe(0);
        stock.ShouldAgreeWithLedger();
    }

    [Fact]
    public async Task Counts_racing_with_holds_never_break_the_ledger()
    {
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(sku: factory.NewSku());
        await _admin.ReceiveAsync(location, sku, 40);
        var pos = factory.Pos(location);

        var results = await InParallel(40, i => i % 4 == 0
            ? _admin.PostJsonAsync("/api/v1/stock/adjustments", new { locationCode = location, sku, countedQuantity = 35 + i % 7, reason = "recount" })
            : pos.PostJsonAsync("/api/v1/reservations", Hold(location, (sku, 1))));

        results.ShouldAllBe(r => r.Status == HttpStatusCode.Created || r.Status == HttpStatusCode.Conflict);
        var stock = await _admin.StockAsync(location, sku);
        stock.Reserved.ShouldBeLessThanOrEqualTo(stock.OnHand);
        stock.Reserved.ShouldBe(results.Count(r => r.Status == HttpStatusCode.Created && r.Body!["status"]?.GetValue<string>() == "active"));
        stock.ShouldAgreeWithLedger();
    }
}

public sealed class StockConcurrencyTestsOnPostgres(PostgresApiFactory factory) : StockConcurrencyTests(factory), IClassFixture<PostgresApiFactory>;

/// <summary>The same proof on the Citus cluster; afterwards every ledger of the cluster reconciles.</summary>
[Collection(CitusCollection.Name)]
public sealed class StockConcurrencyTestsOnCitus(CitusApiFactory factory) : StockConcurrencyTests(factory), IClassFixture<CitusApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => CitusCluster.EveryLedgerShouldReconcileAsync();
}
