using System.Net;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Concurrency;

/// <summary>Delivery orders racing for the last units of a SKU spread over several locations, on PostgreSQL.</summary>
public abstract class OrderConcurrencyTests(PostgresApiFactory factory)
{
    [Fact]
    public async Task Fifty_parallel_delivery_orders_for_the_last_units_never_oversell_and_each_is_whole_or_refused()
    {
        var admin = factory.Admin();
        var storefront = factory.Storefront();
        var sku = await admin.CreateProductAsync(25m, factory.NewSku());
        var other = await admin.CreateProductAsync(3m, factory.NewSku());
        var stock = new[] { 3, 5, 2, 4, 6 }; // 20 units of the contested SKU over five locations
        var locations = new List<string>();
        for (var i = 0; i < stock.Length; i++)
        {
            var location = await admin.CreateLocationAsync(latitude: 52.52, longitude: 13.40 + 0.03 * (i + 1));
            await admin.ReceiveAsync(location, sku, stock[i]);
            await admin.ReceiveAsync(location, other, 100);
            locations.Add(location);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 50).Select(async i =>
        {
            await start.Task;
            var quantity = 1 + i % 3; // 1, 2 or 3 units: 100 wanted, 20 exist
            var response = await storefront.PostJsonAsync("/api/v1/orders", new
            {
                channel = "web", customer = new { id = $"race-{i}" },
                lines = new[] { new { sku, quantity }, new { sku = other, quantity = 1 } },
                fulfilment = new { type = "delivery", address = new { line1 = "Street 1", city = "Berlin", postalCode = "10115", country = "DE", latitude = 52.52, longitude = 13.40 } },
            });
            return (quantity, response.Status, response.Body);
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(tasks);

        results.ShouldAllBe(r => r.Status == HttpStatusCode.Created || r.Status == HttpStatusCode.Conflict, "every order ends placed or refused, never a 500");
        results.Where(r => r.Status == HttpStatusCode.Conflict).ShouldAllBe(r => r.Body!["code"]!.GetValue<string>() == "insufficient_stock");
        var placed = results.Where(r => r.Status == HttpStatusCode.Created).ToList();
        foreach (var (quantity, _, body) in placed)
        {
            // whole: the fulfilments together carry exactly what was ordered
            var allocated = body!["fulfilments"]!.AsArray().SelectMany(f => f!["lines"]!.AsArray())
                .Where(l => l!["sku"]!.GetValue<string>() == sku).Sum(l => l!["quantity"]!.GetValue<int>());
            allocated.ShouldBe(quantity);
        }
        var sold = placed.Sum(r => r.quantity);
        sold.ShouldBeLessThanOrEqualTo(20);
        sold.ShouldBeGreaterThanOrEqualTo(18, "with 1–3 units per order, refusals only start when fewer than 3 units are left");

        var reserved = 0;
        foreach (var location in locations)
        {
            var line = await admin.StockAsync(location, sku);
            line.Reserved.ShouldBeLessThanOrEqualTo(line.OnHand);
            line.ShouldAgreeWithLedger();
            reserved += line.Reserved;
            (await admin.StockAsync(location, other)).ShouldAgreeWithLedger();
        }
        reserved.ShouldBe(sold);
    }
}

/// <summary>A capped promo code under concurrent orders, on PostgreSQL.</summary>
public abstract class PromotionConcurrencyTests(PostgresApiFactory factory)
{
    [Fact]
    public async Task A_code_limited_to_five_redemptions_is_used_exactly_five_times_by_thirty_racing_orders()
    {
        var admin = factory.Admin();
        var store = await admin.CreateLocationAsync();
        var sku = await admin.CreateProductAsync(20m, factory.NewSku());
        await admin.ReceiveAsync(store, sku, 100);
        var code = Infrastructure.Api.Unique("RACE");
        (await admin.PostJsonAsync("/api/v1/promotions", new { code, kind = "amount", value = 5, startsAt = "2020-01-01T00:00:00Z", endsAt = "2099-01-01T00:00:00Z", maxRedemptions = 5 }))
            .Expect(HttpStatusCode.Created);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 30).Select(async i =>
        {
            await start.Task;
            return await factory.Storefront().PostJsonAsync("/api/v1/orders", new
            {
                channel = i % 2 == 0 ? "web" : "pos", customer = new { id = $"promo-{i}" }, promoCode = code,
                lines = new[] { new { sku, quantity = 1 } }, fulfilment = new { type = "pickup", locationCode = store },
            });
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(tasks);

        results.Count(r => r.Status == HttpStatusCode.Created).ShouldBe(5);
        results.Where(r => r.Status != HttpStatusCode.Created).ShouldAllBe(r =>
            r.Status == HttpStatusCode.UnprocessableEntity && r.Body!["code"]!.GetValue<string>() == "promo_code_invalid");
        (await admin.GetJsonAsync($"/api/v1/promotions/{code}")).Expect(HttpStatusCode.OK)["redemptions"]!.GetValue<int>().ShouldBe(5);
        var stock = await admin.StockAsync(store, sku);
        stock.Reserved.ShouldBe(5);
        stock.ShouldAgreeWithLedger();
    }
}

public sealed class OrderConcurrencyTestsOnPostgres(PostgresApiFactory factory) : OrderConcurrencyTests(factory), IClassFixture<PostgresApiFactory>;

/// <summary>The same proof on the Citus cluster; afterwards every ledger of the cluster reconciles.</summary>
[Collection(CitusCollection.Name)]
public sealed class OrderConcurrencyTestsOnCitus(CitusApiFactory factory) : OrderConcurrencyTests(factory), IClassFixture<CitusApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => CitusCluster.EveryLedgerShouldReconcileAsync();
}

public sealed class PromotionConcurrencyTestsOnPostgres(PostgresApiFactory factory) : PromotionConcurrencyTests(factory), IClassFixture<PostgresApiFactory>;

/// <summary>The same proof on the Citus cluster; afterwards every ledger of the cluster reconciles.</summary>
[Collection(CitusCollection.Name)]
public sealed class PromotionConcurrencyTestsOnCitus(CitusApiFactory factory) : PromotionConcurrencyTests(factory), IClassFixture<CitusApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => CitusCluster.EveryLedgerShouldReconcileAsync();
}
