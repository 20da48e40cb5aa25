using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Concurrency;

/// <summary>
/// Every kind of stock change at once, on a network small enough that rows collide: POS holds released or sold, pickups with
/// transfer, split delivery orders, cancels, pickups readied and collected, deliveries shipped and delivered, receipts.
/// Transactions that lock stock lines in different orders deadlock here within seconds; with one global lock order none
/// does, and a deadlock or serialization victim is retried rather than answered with a 500.
/// </summary>
public abstract class MixedLoadTests(PostgresApiFactory factory)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);
    /// <summary>On a machine busy with other work, the load runs on past <see cref="Duration"/> until enough orders and cancels
    /// collided (so the test always exercises what it is about), but never longer than this.</summary>
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(90);
    private const int Workers = 32;

    private sealed record Network(string[] Locations, string[] Skus);

    [Fact]
    public async Task Thirty_two_workers_mixing_every_stock_change_get_no_5xx_and_every_ledger_reconciles()
    {
        var admin = factory.Admin();
        var skus = new List<string>();
        for (var i = 0; i < 4; i++) skus.Add(await admin.CreateProductAsync(10m + i, factory.NewSku()));
        var locations = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            // Close together and each stocking only some SKUs: whole-order routes are rare, splits and transfers common.
            var location = await admin.CreateLocationAsync(latitude: 52.50 + 0.01 * i, longitude: 13.40 + 0.01 * (i % 3));
            for (var s = 0; s < skus.Count; s++)
                await admin.ReceiveAsync(location, skus[s], (s + i) % 3 != 0 ? 40 : 1);
            locations.Add(location);
        }
        var network = new Network(locations.ToArray(), skus.ToArray());
        var pos = locations.ToDictionary(l => l, factory.Pos);
        var storefront = factory.Storefront();
        var logistics = factory.Logistics();

        var deadlocksBefore = await PostgresDeadlocks.CountAsync(factory);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var until = Stopwatch.StartNew();
        void Check((HttpStatusCode Status, JsonNode? Body) r, string what)
        {
            counts.AddOrUpdate($"{what} {(int)r.Status}", 1, (_, n) => n + 1);
            if ((int)r.Status >= 500) failures.Add($"{what}: {(int)r.Status} {r.Body?.ToJsonString()}");
        }

        int Count(string prefix) => counts.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value);
        bool Enough() => Count("delivery order 201") > 50 && Count("cancel 200") > 20;

        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            while (until.Elapsed < Duration || (!Enough() && until.Elapsed < MaxDuration))
            {
                var location = network.Locations[random.Next(network.Locations.Length)];
                var lines = RandomLines(random, network.Skus);
                switch (random.Next(10))
                {
                    case 0 or 1: // a POS hold, then sold at the till or released
                    {
                        var hold = await pos[location].PostJsonAsync("/api/v1/reservations",
                            new { locationCode = location, channel = "pos", customer = new { phone = "+49 30 555" }, lines });
                        Check(hold, "hold");
                        if (hold.Status == HttpStatusCode.Created)
                            Check(await pos[location].PostJsonAsync($"/api/v1/reservations/{hold.Body!.Get<string>("id")}/{(random.Next(2) == 0 ? "fulfil" : "release")}", null), "hold step");
                        break;
                    }
                    case 2 or 3: // a pickup with transfer, readied and collected, or cancelled
                    {
                        var order = await storefront.PostJsonAsync("/api/v1/orders", new
                        {
                            channel = "app", customer = new { id = $"mix-{w}" }, lines,
                            fulfilment = new { type = "pickup", locationCode = location, allowTransfer = true },
                        });
                        Check(order, "pickup order");
                        if (order.Status != HttpStatusCode.Created) break;
                        if (random.Next(2) == 0)
                        {
                            Check(await storefront.PostJsonAsync($"/api/v1/orders/{order.Body!.Get<string>("id")}/cancel", null), "cancel");
                            break;
                        }
                        foreach (var f in order.Body!["fulfilments"]!.AsArray().Select(f => f!))
                        {
                            var id = f.Get<string>("id");
                            if (f.Get<string>("type") == "pickup")
                            {
                                Check(await pos[location].PostJsonAsync($"/api/v1/fulfilments/{id}/ready", null), "ready");
                                Check(await pos[location].PostJsonAsync($"/api/v1/fulfilments/{id}/collect", null), "collect");
                            }
                            else
                            {
                                Check(await logistics.PostJsonAsync($"/api/v1/fulfilments/{id}/ship", null), "ship transfer");
                                Check(await pos[location].PostJsonAsync($"/api/v1/fulfilments/{id}/receive", null), "receive");
                                Check(await pos[location].PostJsonAsync($"/api/v1/fulfilments/{id}/collect", null), "collect");
                            }
                        }
                        break;
                    }
                    case 4 or 5 or 6 or 7: // a delivery, often split; cancelled (releasing at several locations at once) or shipped and delivered
                    {
                        var order = await storefront.PostJsonAsync("/api/v1/orders", new
                        {
                            channel = "web", customer = new { id = $"mix-{w}" }, lines,
                            fulfilment = new { type = "delivery", address = new { line1 = "Street 1", city = "Berlin", postalCode = "10115", country = "DE", latitude = 52.52, longitude = 13.41 } },
                        });
                        Check(order, "delivery order");
                        if (order.Status != HttpStatusCode.Created) break;
                        if (random.Next(3) > 0)
                        {
                            Check(await storefront.PostJsonAsync($"/api/v1/orders/{order.Body!.Get<string>("id")}/cancel", null), "cancel");
                            break;
                        }
                        foreach (var id in order.Body!["fulfilments"]!.AsArray().Select(f => f!.Get<string>("id")))
                        {
                            Check(await logistics.PostJsonAsync($"/api/v1/fulfilments/{id}/ship", null), "ship");
                            Check(await logistics.PostJsonAsync($"/api/v1/fulfilments/{id}/deliver", null), "deliver");
                        }
                        break;
                    }
                    default: // a small receipt of several SKUs keeps the shelves from running dry
                        Check(await admin.PostJsonAsync("/api/v1/stock/receipts",
                            new { locationCode = location, lines = RandomLines(random, network.Skus), reference = "mixed-load" }), "receipt");
                        break;
                }
            }
        })).ToList();
        await Task.WhenAll(workers);

        var summary = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Value}"));
        failures.ShouldBeEmpty(summary);
        Count("delivery order 201").ShouldBeGreaterThan(50, summary);
        Count("cancel 200").ShouldBeGreaterThan(20, summary);

        // Not only answered well: with one global lock order PostgreSQL never had to break a deadlock (retries would hide it).
        (await PostgresDeadlocks.CountAsync(factory) - deadlocksBefore).ShouldBe(0, "deadlocks PostgreSQL detected in this test's database");

        foreach (var location in network.Locations)
        foreach (var sku in network.Skus)
        {
            var line = await admin.StockAsync(location, sku);
            line.ShouldAgreeWithLedger();
            line.OnHand.ShouldBeGreaterThanOrEqualTo(0);
            line.Reserved.ShouldBeInRange(0, line.OnHand);
        }
    }

    /// <summary>One to three distinct SKUs, in random order (so requests name SKUs in different orders), 1–3 units each.</summary>
    private static object[] RandomLines(Random random, string[] skus) =>
        skus.OrderBy(_ => random.Next()).Take(1 + random.Next(3))
            .Select(sku => (object)new { sku, quantity = 1 + random.Next(3) }).ToArray();
}

public sealed class MixedLoadTestsOnPostgres(PostgresApiFactory factory) : MixedLoadTests(factory), IClassFixture<PostgresApiFactory>;

/// <summary>The same proof on the Citus cluster; afterwards every ledger of the cluster reconciles.</summary>
[Collection(CitusCollection.Name)]
public sealed class MixedLoadTestsOnCitus(CitusApiFactory factory) : MixedLoadTests(factory), IClassFixture<CitusApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => CitusCluster.EveryLedgerShouldReconcileAsync();
}
