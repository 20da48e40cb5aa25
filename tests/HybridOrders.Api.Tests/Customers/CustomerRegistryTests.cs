using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
using HybridOrders.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HybridOrders.Api.Tests.Infrastructure.Api;

namespace HybridOrders.Api.Tests.Customers;

/// <summary>One customer record across channels: identifiers join, merge, and every earlier key finds the merged record.</summary>
public abstract class CustomerRegistryTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();
    private readonly HttpClient _storefront = factory.Storefront();

    private async Task<(string Store, string Sku)> StoreWithStockAsync()
    {
        var store = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(10m);
        await _admin.ReceiveAsync(store, sku, 100);
        return (store, sku);
    }

    private async Task<JsonNode> OrderAsync(string channel, object customer, string store, string sku, int quantity = 1) =>
        (await _storefront.PostJsonAsync("/api/v1/orders", new
        {
            channel, customer, lines = new[] { new { sku, quantity } }, fulfilment = new { type = "pickup", locationCode = store },
        })).Expect(HttpStatusCode.Created);

    private async Task<JsonNode> CustomerAsync(HttpClient client, string key) =>
        (await client.GetJsonAsync($"/api/v1/customers/{Uri.EscapeDataString(key)}")).Expect(HttpStatusCode.OK);

    private static string Phone() => $"+49 30 {Random.Shared.Next(1_000_000, 9_999_999)}{Random.Shared.Next(100, 999)}";

    [Fact]
    public async Task A_phone_only_store_hold_and_a_later_app_order_with_that_phone_and_an_email_are_one_customer_any_store_can_read()
    {
        var (store, sku) = await StoreWithStockAsync();
        var pos = factory.Pos(store);
        var phone = Phone();
        var email = $"{Unique("anna")}@example.com";
        (await pos.PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = store, channel = "pos", customer = new { phone, name = "Anna" }, lines = new[] { new { sku, quantity = 1 } },
        })).Expect(HttpStatusCode.Created);
        await OrderAsync("app", new { phone = phone.Replace(" ", "-"), email = email.ToUpperInvariant() }, store, sku, 2);

        var byEmail = await CustomerAsync(_storefront, email);
        var id = byEmail.Get<string>("id");
        id.ShouldStartWith("cus_");
        (await CustomerAsync(_admin, phone)).Get<string>("id").ShouldBe(id);
        (await CustomerAsync(pos, id)).Get<string>("id").ShouldBe(id);                    // a POS key reads it
        (await CustomerAsync(factory.Pos(await _admin.CreateLocationAsync()), email)).Get<string>("id").ShouldBe(id); // any store
        byEmail["orders"]!.AsArray().Count.ShouldBe(1);
        byEmail["reservations"]!.AsArray().Count.ShouldBe(1);
        byEmail["emails"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe([email]);
        byEmail["phones"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe([phone]);
        byEmail["names"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(["Anna"]);
        byEmail["channels"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(["pos", "app"]);
        byEmail.Get<decimal>("lifetimeValue").ShouldBe(20m);
        byEmail["firstSeenAt"].ShouldNotBeNull();
        (await _storefront.GetJsonAsync("/api/v1/customers/nobody-like-this")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await factory.Logistics().GetJsonAsync($"/api/v1/customers/{id}")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_order_that_brings_two_records_together_merges_them_and_every_earlier_key_finds_the_merged_one()
    {
        var (store, sku) = await StoreWithStockAsync();
        var email = $"{Unique("ben")}@example.com";
        var phone = Phone();
        var explicitId = Unique("crm");
        var first = await OrderAsync("web", new { id = explicitId, email }, store, sku);    // record A: id + email
        await OrderAsync("pos", new { phone }, store, sku);                                   // record B: phone
        var a = (await CustomerAsync(_admin, email)).Get<string>("id");
        var b = (await CustomerAsync(_admin, phone)).Get<string>("id");
        a.ShouldNotBe(b);

        await OrderAsync("call_centre", new { email, phone, name = "Ben" }, store, sku);     // both: A and B become one
        var merged = await CustomerAsync(_admin, phone);
        var id = merged.Get<string>("id");
        id.ShouldBe(string.CompareOrdinal(a, b) < 0 ? a : b);                                 // the older record survives
        foreach (var key in new[] { a, b, email.ToUpperInvariant(), phone, explicitId })
            (await CustomerAsync(_admin, key)).Get<string>("id").ShouldBe(id, key);
        merged["orders"]!.AsArray().Count.ShouldBe(3);
        merged["channels"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(["pos", "web", "call_centre"]);
        (await _storefront.GetJsonAsync($"/api/v1/orders?customerId={Uri.EscapeDataString(phone)}")).Expect(HttpStatusCode.OK)["items"]!.AsArray().Count.ShouldBe(3);
        merged.Get<decimal>("lifetimeValue").ShouldBe(30m);

        // paid minus refunded: the first order is collected and one unit comes back; another is cancelled.
        var pos = factory.Pos(store);
        var fulfilment = first["fulfilments"]![0]!.Get<string>("id");
        (await pos.PostJsonAsync($"/api/v1/fulfilments/{fulfilment}/ready", null)).Expect(HttpStatusCode.OK);
        (await pos.PostJsonAsync($"/api/v1/fulfilments/{fulfilment}/collect", null)).Expect(HttpStatusCode.OK);
        (await pos.PostJsonAsync("/api/v1/returns", new
        {
            orderId = first.Get<string>("id"), locationCode = store, reason = "no", lines = new[] { new { sku, quantity = 1, condition = "resellable" } },
        })).Expect(HttpStatusCode.Created);
        var third = merged["orders"]!.AsArray().First(o => o!.Get<string>("channel") == "call_centre")!.Get<string>("id");
        (await _storefront.PostJsonAsync($"/api/v1/orders/{third}/cancel", null)).Expect(HttpStatusCode.OK);
        var after = await CustomerAsync(_admin, explicitId);
        after.Get<decimal>("lifetimeValue").ShouldBe(10m); // 30 − 10 cancelled − 10 refunded
        after["returns"]!.AsArray().Count.ShouldBe(1);
    }

    /// <summary>A returning customer's hold is linked in the hold's own statement on PostgreSQL (every identifier known, one
    /// live owner); every other shape goes through the registry. Both must give the same record.</summary>
    [Fact]
    public async Task Holds_of_a_returning_customer_join_the_record_whichever_of_its_identifiers_they_carry()
    {
        var (store, sku) = await StoreWithStockAsync();
        var second = await _admin.CreateProductAsync(4m);
        await _admin.ReceiveAsync(store, second, 10);
        var pos = factory.Pos(store);
        var email = $"{Unique("back")}@example.com";
        var phone = Phone();
        var explicitId = Unique("crm");
        await OrderAsync("web", new { id = explicitId, email }, store, sku);
        var id = (await CustomerAsync(_admin, email)).Get<string>("id");

        async Task<string> HoldAsync(object customer, params (string Sku, int Quantity)[] lines) =>
            (await pos.PostJsonAsync("/api/v1/reservations", new
            {
                locationCode = store, channel = "pos", customer, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray(),
            })).Expect(HttpStatusCode.Created).Get<string>("id");

        var holds = new List<string>
        {
            await HoldAsync(new { email = email.ToUpperInvariant(), name = "Clara" }, (sku, 1)),        // known email: one line
            await HoldAsync(new { id = explicitId, email }, (sku, 1), (second, 2)),                     // both known: several lines
            await HoldAsync(new { email, phone }, (sku, 1)),                                            // a new phone joins the record
            await HoldAsync(new { phone = phone.Replace(" ", "") }, (second, 1)),                      // and then finds it alone
        };
        var stranger = await HoldAsync(new { name = "Nobody" }, (sku, 1));                               // no identifier: a record of its own
        var refused = await pos.PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = store, channel = "pos", customer = new { email }, lines = new[] { new { sku = second, quantity = 99 } },
        });
        refused.ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");                          // refused: nothing linked

        var customer = await CustomerAsync(_admin, phone);
        customer.Get<string>("id").ShouldBe(id);
        customer["reservations"]!.AsArray().Select(r => r!.Get<string>("id")).Order().ShouldBe(holds.Order());
        customer["phones"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldBe([phone]);
        customer["names"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["Clara"]);
        customer["channels"]!.AsArray().Select(c => c!.GetValue<string>()).Order().ShouldBe(["pos", "web"]);
        (await _admin.GetJsonAsync($"/api/v1/reservations/{stranger}")).Expect(HttpStatusCode.OK);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IHybridOrdersDbContext>();
        var strangerRecord = await db.CustomerLinks.Where(l => l.SubjectId == Guid.Parse(stranger)).Select(l => l.CustomerId).SingleAsync();
        strangerRecord.ShouldNotBe(id);
    }

    [Fact]
    public async Task Till_sales_and_returns_join_the_record()
    {
        var (store, sku) = await StoreWithStockAsync();
        var pos = factory.Pos(store);
        var phone = Phone();

        // A carry-out sale at the till by phone, returned at another store: both on the one record.
        var carryOut = (await pos.PostJsonAsync("/api/v1/orders", new
        {
            channel = "pos", customer = new { phone }, lines = new[] { new { sku, quantity = 2 } }, fulfilment = new { type = "in_store", locationCode = store },
        })).Expect(HttpStatusCode.Created);
        var elsewhere = await _admin.CreateLocationAsync();
        (await factory.Pos(elsewhere).PostJsonAsync("/api/v1/returns", new
        {
            orderId = carryOut.Get<string>("id"), locationCode = elsewhere, reason = "too many", lines = new[] { new { sku, quantity = 1, condition = "resellable" } },
        })).Expect(HttpStatusCode.Created);

        // A hold in the app with the same phone and an email, paid at the till: the sale is an order of that record.
        var email = $"{Unique("till")}@example.com";
        var hold = (await _storefront.PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = store, channel = "app", customer = new { phone, email }, lines = new[] { new { sku, quantity = 1 } },
        })).Expect(HttpStatusCode.Created);
        var paid = (await pos.PostJsonAsync($"/api/v1/reservations/{hold.Get<string>("id")}/fulfil", null)).Expect(HttpStatusCode.OK);

        var customer = await CustomerAsync(pos, email);
        (await CustomerAsync(_admin, phone)).Get<string>("id").ShouldBe(customer.Get<string>("id"));
        customer["orders"]!.AsArray().Select(o => o!.Get<string>("id")).Order().ShouldBe(new[] { carryOut.Get<string>("id"), paid.Get<string>("orderId") }.Order());
        customer["reservations"]!.AsArray().Count.ShouldBe(1);
        customer["returns"]!.AsArray().Single()!.Get<string>("locationCode").ShouldBe(elsewhere);
        customer.Get<decimal>("lifetimeValue").ShouldBe(20m); // 20 + 10 paid − 10 refunded
        customer["channels"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["pos", "app"]);
    }
}

public sealed class CustomerRegistryTestsOnSqlite(SqliteApiFactory factory) : CustomerRegistryTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class CustomerRegistryTestsOnPostgres(PostgresApiFactory factory) : CustomerRegistryTests(factory), IClassFixture<PostgresApiFactory>;

/// <summary>On the Citus cluster the registry stays on the coordinator (db/citus/distribute.sql) while the orders, holds and returns
/// it links are sharded: the same behaviour, across that boundary.</summary>
[Collection(CitusCollection.Name)]
public sealed class CustomerRegistryTestsOnCitus(CitusApiFactory factory) : CustomerRegistryTests(factory), IClassFixture<CitusApiFactory>;

/// <summary>Racing orders and holds on PostgreSQL. Each request has its own SKU, so the requests do not queue behind one stock line
/// and their registry work really overlaps: the unique identifiers and claims that cannot abort the transaction make one customer.</summary>
public abstract class CustomerRaceTests(PostgresApiFactory factory)
{
    private const int Racers = 50;
    private readonly HttpClient _admin = factory.Admin();

    private async Task<(string Store, List<string> Skus)> StoreWithSkusAsync(int count)
    {
        var store = await _admin.CreateLocationAsync();
        var skus = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var sku = await _admin.CreateProductAsync(5m);
            await _admin.ReceiveAsync(store, sku, 10);
            skus.Add(sku);
        }
        return (store, skus);
    }

    private static string Phone(int i) => $"+49 170 {i:D2}{Random.Shared.Next(100_000, 999_999)}";

    /// <summary>Sends every request at once (released together) and expects each to succeed; a failure shows its problem body.</summary>
    private static async Task<List<JsonNode>> RaceAsync(IEnumerable<Func<Task<(HttpStatusCode Status, JsonNode? Body)>>> requests)
    {
        using var start = new SemaphoreSlim(0);
        var tasks = requests.Select(async send => { await start.WaitAsync(); return await send(); }).ToList();
        start.Release(tasks.Count);
        var responses = await Task.WhenAll(tasks);
        var failures = responses.Where(r => r.Status != HttpStatusCode.Created).Select(r => $"{(int)r.Status} {r.Body?.ToJsonString()}").ToList();
        failures.ShouldBeEmpty();
        return responses.Select(r => r.Body!).ToList();
    }

    private async Task<JsonNode> CustomerAsync(string key) =>
        (await _admin.GetJsonAsync($"/api/v1/customers/{Uri.EscapeDataString(key)}")).Expect(HttpStatusCode.OK);

    [Fact]
    public async Task Fifty_concurrent_orders_and_holds_introducing_the_same_new_email_make_one_customer()
    {
        // Each round must make one customer. A round only proves the race when requests really overlapped (some made their own
        // record and merged it into the winner); a quiet machine can serialize a round, so up to three rounds run until one did.
        var deadlocksBefore = await PostgresDeadlocks.CountAsync(factory);
        var merged = 0;
        for (var round = 0; round < 3 && merged == 0; round++) merged = await RaceOneNewEmailAsync();
        merged.ShouldBeGreaterThan(0, "three rounds of racing requests never overlapped: the race was not exercised");
        // merges run one at a time (the registry's merge lock): racing mergers never deadlock
        (await PostgresDeadlocks.CountAsync(factory) - deadlocksBefore).ShouldBe(0, "deadlocks PostgreSQL detected in this test's database");
    }

    /// <summary>One round: fifty racing orders and holds with one new email make one customer; answers how many records were
    /// merged into it (zero when the requests happened not to overlap).</summary>
    private async Task<int> RaceOneNewEmailAsync()
    {
        var (store, skus) = await StoreWithSkusAsync(Racers);
        var email = $"{Unique("race")}@example.com";
        var phones = Enumerable.Range(0, Racers).Select(Phone).ToList();
        var storefront = factory.Storefront();

        var created = await RaceAsync(Enumerable.Range(0, Racers).Select(i => (Func<Task<(HttpStatusCode, JsonNode?)>>)(() => i % 2 == 0
            ? storefront.PostJsonAsync("/api/v1/orders", new
            {
                channel = "app", customer = new { email = i % 4 == 0 ? email : email.ToUpperInvariant(), phone = phones[i] },
                lines = new[] { new { sku = skus[i], quantity = 1 } }, fulfilment = new { type = "pickup", locationCode = store },
            })
            : storefront.PostJsonAsync("/api/v1/reservations", new
            {
                locationCode = store, channel = "web", customer = new { email, phone = phones[i] }, lines = new[] { new { sku = skus[i], quantity = 1 } },
            }))));

        var customer = await CustomerAsync(email);
        var id = customer.Get<string>("id");
        customer["orders"]!.AsArray().Count.ShouldBe(Racers / 2);
        customer["reservations"]!.AsArray().Count.ShouldBe(Racers / 2);
        customer["emails"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe([email]);
        customer["phones"]!.AsArray().Select(p => p!.GetValue<string>()).Order().ShouldBe(phones.Order());
        customer["channels"]!.AsArray().Select(c => c!.GetValue<string>()).Order().ShouldBe(["app", "web"]);
        customer.Get<decimal>("lifetimeValue").ShouldBe(Racers / 2 * 5m);
        foreach (var phone in phones) (await CustomerAsync(phone)).Get<string>("id").ShouldBe(id, phone);
        (await _admin.GetJsonAsync($"/api/v1/orders?customerId={Uri.EscapeDataString(email)}&limit=100")).Expect(HttpStatusCode.OK)["items"]!.AsArray()
            .Count.ShouldBe(Racers / 2);
        created.Count.ShouldBe(Racers);

        // Whether the race really happened: requests that read "nobody has this email" before the winner committed made their own record,
        // found the winner when their claim returned, and merged into it. (Were the requests serialized, there would be none.)
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IHybridOrdersDbContext>();
        return await db.Customers.CountAsync(c => c.MergedIntoId == id);
    }

    [Fact]
    public async Task Concurrent_orders_that_each_join_an_older_record_to_one_email_merge_them_all_and_every_earlier_key_finds_the_result()
    {
        const int records = 20;
        var (store, skus) = await StoreWithSkusAsync(2 * records);
        var storefront = factory.Storefront();
        var phones = Enumerable.Range(0, records).Select(Phone).ToList();
        var earlier = new List<string>();
        for (var i = 0; i < records; i++) // twenty phone-only customers, one store sale each
        {
            (await storefront.PostJsonAsync("/api/v1/orders", new
            {
                channel = "pos", customer = new { phone = phones[i] }, lines = new[] { new { sku = skus[i], quantity = 1 } },
                fulfilment = new { type = "pickup", locationCode = store },
            })).Expect(HttpStatusCode.Created);
            earlier.Add((await CustomerAsync(phones[i])).Get<string>("id"));
        }
        earlier.Distinct().Count().ShouldBe(records);

        var email = $"{Unique("merge")}@example.com";
        var deadlocksBefore = await PostgresDeadlocks.CountAsync(factory);
        await RaceAsync(Enumerable.Range(0, records).Select(i => (Func<Task<(HttpStatusCode, JsonNode?)>>)(() =>
            storefront.PostJsonAsync("/api/v1/orders", new
            {
                channel = "app", customer = new { email, phone = phones[i].Replace(" ", "") },
                lines = new[] { new { sku = skus[records + i], quantity = 1 } }, fulfilment = new { type = "pickup", locationCode = store },
            }))));

        var merged = await CustomerAsync(email);
        var id = merged.Get<string>("id");
        id.ShouldBe(earlier.Order(StringComparer.Ordinal).First()); // the oldest record survives
        merged["orders"]!.AsArray().Count.ShouldBe(2 * records);
        merged["phones"]!.AsArray().Count.ShouldBe(records);
        merged["channels"]!.AsArray().Select(c => c!.GetValue<string>()).Order().ShouldBe(["app", "pos"]);
        foreach (var key in earlier.Concat(phones)) (await CustomerAsync(key)).Get<string>("id").ShouldBe(id, key);
        (await _admin.GetJsonAsync($"/api/v1/orders?customerId={Uri.EscapeDataString(phones[^1])}&limit=100")).Expect(HttpStatusCode.OK)["items"]!.AsArray()
            .Count.ShouldBe(2 * records);
        (await PostgresDeadlocks.CountAsync(factory) - deadlocksBefore).ShouldBe(0, "deadlocks PostgreSQL detected in this test's database");
    }
}

public sealed class CustomerRaceTestsOnPostgres(PostgresApiFactory factory) : CustomerRaceTests(factory), IClassFixture<PostgresApiFactory>;

/// <summary>The same races on the Citus cluster: the orders and holds on sharded tables, their registry work on the coordinator, in
/// one two-phase transaction each.</summary>
[Collection(CitusCollection.Name)]
public sealed class CustomerRaceTestsOnCitus(CitusApiFactory factory) : CustomerRaceTests(factory), IClassFixture<CitusApiFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;
    public Task DisposeAsync() => CitusCluster.EveryLedgerShouldReconcileAsync();
}
