using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Concurrency;

/// <summary>Rejects under contention: racing rejects of one fulfilment, and a reject re-routing into stock that new orders want
/// at the same moment. On PostgreSQL and on the Citus cluster.</summary>
public abstract class RejectConcurrencyTests(PostgresApiFactory factory)
{
    private static object Delivery(string sku, int quantity) => new
    {
        channel = "web", customer = new { id = Infrastructure.Api.Unique("race") }, lines = new[] { new { sku, quantity } },
        fulfilment = new { type = "delivery", address = new { line1 = "Street 1", city = "Berlin", postalCode = "10115", country = "DE", latitude = 52.52, longitude = 13.40 } },
    };

    [Fact]
    public async Task Of_two_racing_rejects_of_one_fulfilment_one_wins_and_the_other_is_refused_with_409()
    {
        var admin = factory.Admin();
        var origin = await admin.CreateLocationAsync(latitude: 52.52, longitude: 13.41);
        var other = await admin.CreateLocationAsync(latitude: 52.52, longitude: 13.45);
        var sku = await admin.CreateProductAsync(10m, factory.NewSku());
        await admin.ReceiveAsync(origin, sku, 20);
        await admin.ReceiveAsync(other, sku, 20);

        for (var round = 0; round < 5; round++)
        {
            var order = (await factory.Storefront().PostJsonAsync("/api/v1/orders", Delivery(sku, 2))).Expect(HttpStatusCode.Created);
            var id = order["fulfilments"]![0]!["id"]!.GetValue<string>();
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var racers = new[] { ("not_found", factory.Pos(origin)), ("store_unable", factory.Logistics()) }.Select(async r =>
            {
                await start.Task;
                return await r.Item2.PostJsonAsync($"/api/v1/fulfilments/{id}/reject", new { reason = r.Item1 });
            }).ToList();
            start.SetResult();
            var results = await Task.WhenAll(racers);

            results.Count(r => r.Status == HttpStatusCode.OK).ShouldBe(1, string.Join(" | ", results.Select(r => r.Body?.ToJsonString())));
            var loser = results.Single(r => r.Status != HttpStatusCode.OK);
            loser.ExpectProblem(HttpStatusCode.Conflict, "invalid_transition");
            var stored = (await factory.Storefront().GetJsonAsync($"/api/v1/orders/{order["id"]!.GetValue<string>()}")).Expect(HttpStatusCode.OK);
            stored["fulfilments"]!.AsArray().Select(f => f!["status"]!.GetValue<string>()).ShouldBe(["rejected", "allocated"]); // re-routed once
        }
        foreach (var location in new[] { origin, other })
        {
            var line = await admin.StockAsync(location, sku);
            line.ShouldAgreeWithLedger();
        }
        (await admin.StockAsync(origin, sku)).Reserved.ShouldBe(0);
        (await admin.StockAsync(other, sku)).Reserved.ShouldBe(10);
    }

    [Fact]
    public async Task A_reject_racing_new_orders_for_the_same_sku_never_oversells()
    {
        var admin = factory.Admin();
        var nearest = await admin.CreateLocationAsync(latitude: 52.52, longitude: 13.41);
        var others = new List<string>();
        for (var i = 0; i < 3; i++) others.Add(await admin.CreateLocationAsync(latitude: 52.52, longitude: 13.45 + 0.03 * i));

        for (var round = 0; round < 3; round++)
        {
            var sku = await admin.CreateProductAsync(10m, factory.NewSku());
            await admin.ReceiveAsync(nearest, sku, 3);
            foreach (var (location, quantity) in others.Zip(new[] { 2, 1, 2 })) await admin.ReceiveAsync(location, sku, quantity);
            // the first order takes 3 at the nearest store, which then cannot find them; 5 units are left elsewhere and 12 new orders want them
            var first = (await factory.Storefront().PostJsonAsync("/api/v1/orders", Delivery(sku, 3))).Expect(HttpStatusCode.Created);
            var fulfilment = first["fulfilments"]![0]!;
            fulfilment["originLocationCode"]!.GetValue<string>().ShouldBe(nearest);

            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reject = Task.Run(async () =>
            {
                await start.Task;
                return await factory.Pos(nearest).PostJsonAsync($"/api/v1/fulfilments/{fulfilment["id"]!.GetValue<string>()}/reject", new { reason = "not_found" });
            });
            var orders = Enumerable.Range(0, 12).Select(async _ =>
            {
                await start.Task;
                return await factory.Storefront().PostJsonAsync("/api/v1/orders", Delivery(sku, 1));
            }).ToList();
            start.SetResult();
            var rejected = await reject;
            var placed = await Task.WhenAll(orders);

            placed.ShouldAllBe(r => r.Status == HttpStatusCode.Created || r.Status == HttpStatusCode.Conflict, "placed or refused, never a 500");
            placed.Where(r => r.Status == HttpStatusCode.Conflict).ShouldAllBe(r => r.Body!["code"]!.GetValue<string>() == "insufficient_stock");
            var body = rejected.Expect(HttpStatusCode.OK);
            var rerouted = body["replacements"]!.AsArray().Sum(f => f!["lines"]![0]!["quantity"]!.GetValue<int>());
            var cancelled = body["cancelledLines"]!.AsArray().Sum(l => l!["quantity"]!.GetValue<int>());
            (rerouted + cancelled).ShouldBe(3);
            body["replacements"]!.AsArray().ShouldAllBe(f => f!["originLocationCode"]!.GetValue<string>() != nearest);

            var reserved = 0;
            foreach (var location in others.Append(nearest))
            {
                var line = await admin.StockAsync(location, sku);
                line.Reserved.ShouldBeLessThanOrEqualTo(line.OnHand);
                line.ShouldAgreeWithLedger();
                reserved += line.Reserved;
            }
            (await admin.StockAsync(nearest, sku)).OnHand.ShouldBe(0, "the 3 not found are written off");
            var sold = placed.Count(r => r.Status == HttpStatusCode.Created);
            reserved.ShouldBe(sold + rerouted);
            reserved.ShouldBeLessThanOrEqualTo(5);
        }
    }
}

public sealed class RejectConcurrencyTestsOnPostgres(PostgresApiFactory factory) : RejectConcurrencyTests(factory), IClassFixture<PostgresApiFactory>;

/// <summary>The same proof on the Citus cluster (the order, its rejected and replacement fulfilments on one shard, the stock lines of
/// the SKU on another); afterwards every ledger of the cluster reconciles.</summary>
[Collection(CitusCollection.Name)]
public sealed class RejectConcurrencyTestsOnCitus(CitusApiFactory factory) : RejectConcurrencyTests(factory), IClassFixture<CitusApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => CitusCluster.EveryLedgerShouldReconcileAsync();
}
