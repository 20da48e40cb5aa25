using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
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
}

public sealed class CustomerRegistryTestsOnSqlite(SqliteApiFactory factory) : CustomerRegistryTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class CustomerRegistryTestsOnPostgres(PostgresApiFactory factory) : CustomerRegistryTests(factory), IClassFixture<PostgresApiFactory>;

/// <summary>Racing orders on PostgreSQL: the unique identifier and a claim that cannot abort the transaction make one customer.</summary>
public sealed class CustomerRaceTests(PostgresApiFactory factory) : IClassFixture<PostgresApiFactory>
{
    [Fact]
    public async Task Ten_concurrent_orders_introducing_the_same_new_email_make_one_customer()
    {
        var admin = factory.Admin();
        var store = await admin.CreateLocationAsync();
        var sku = await admin.CreateProductAsync(5m);
        await admin.ReceiveAsync(store, sku, 100);
        var email = $"{Unique("race")}@example.com";
        var phones = Enumerable.Range(0, 10).Select(i => $"+49 170 {i:D2}{Random.Shared.Next(100_000, 999_999)}").ToList();

        using var start = new SemaphoreSlim(0);
        var tasks = phones.Select(async phone =>
        {
            var client = factory.Storefront();
            await start.WaitAsync();
            return await client.PostJsonAsync("/api/v1/orders", new
            {
                channel = "app", customer = new { email, phone }, lines = new[] { new { sku, quantity = 1 } },
                fulfilment = new { type = "pickup", locationCode = store },
            });
        }).ToList();
        start.Release(tasks.Count);
        foreach (var response in await Task.WhenAll(tasks)) response.Expect(HttpStatusCode.Created);

        var customer = (await admin.GetJsonAsync($"/api/v1/customers/{Uri.EscapeDataString(email)}")).Expect(HttpStatusCode.OK);
        customer["orders"]!.AsArray().Count.ShouldBe(10);
        customer["phones"]!.AsArray().Count.ShouldBe(10);
        foreach (var phone in phones)
            (await admin.GetJsonAsync($"/api/v1/customers/{Uri.EscapeDataString(phone)}")).Expect(HttpStatusCode.OK).Get<string>("id")
                .ShouldBe(customer.Get<string>("id"));
    }
}
