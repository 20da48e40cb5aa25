using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
using static HybridOrders.Api.Tests.Infrastructure.Api;

namespace HybridOrders.Api.Tests.Orders;

/// <summary>Store capacity in routing: a location that has taken on its daily capacity of delivery and transfer fulfilments is
/// skipped (reason <c>at_capacity</c>) until its next local day; a customer's own pickup there still works.</summary>
public abstract class CapacityTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();
    private readonly HttpClient _storefront = factory.Storefront();

    private static object Delivery(string sku, int quantity = 1) => new
    {
        channel = "web", customer = new { id = Unique("cap") }, lines = new[] { new { sku, quantity } },
        fulfilment = new { type = "delivery", address = new { line1 = "Street 1", city = "Berlin", postalCode = "10115", country = "DE", latitude = 52.52, longitude = 13.40 } },
    };

    private async Task<string> LocationWithCapacity(double lonOffset, int? capacity)
    {
        var code = Unique("CAP");
        var created = (await _admin.PostJsonAsync("/api/v1/locations", new
        {
            code, name = $"Test {code}", kind = "store", latitude = 52.52, longitude = 13.40 + lonOffset, timeZone = "Europe/Berlin",
            pickupEnabled = true, shipFromEnabled = true, dailyCapacity = capacity,
        })).Expect(HttpStatusCode.Created);
        (created["dailyCapacity"]?.GetValue<int>()).ShouldBe(capacity);
        return code;
    }

    [Fact]
    public async Task A_location_at_its_daily_capacity_is_skipped_with_reason_at_capacity_and_the_next_nearest_sends()
    {
        var near = await LocationWithCapacity(0.01, capacity: 1);
        var far = await LocationWithCapacity(0.05, capacity: null);
        var sku = await _admin.CreateProductAsync(7m);
        await _admin.ReceiveAsync(near, sku, 10);
        await _admin.ReceiveAsync(far, sku, 10);

        var first = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery(sku))).Expect(HttpStatusCode.Created);
        first["fulfilments"]![0]!.Get<string>("originLocationCode").ShouldBe(near);
        var capacity = (await _admin.GetJsonAsync($"/api/v1/locations/{near}/capacity")).Expect(HttpStatusCode.OK);
        (capacity["dailyCapacity"]?.GetValue<int>(), capacity.Get<int>("usedToday")).ShouldBe((1, 1));
        capacity.Get<string>("localDate").ShouldMatch(@"^\d{4}-\d{2}-\d{2}$");

        var second = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery(sku))).Expect(HttpStatusCode.Created);
        var fulfilment = second["fulfilments"]!.AsArray().Single()!;
        fulfilment.Get<string>("originLocationCode").ShouldBe(far);
        var skipped = fulfilment["routing"]!["candidates"]!.AsArray().Single(c => c!.Get<string>("locationCode") == near)!;
        (skipped.Get<string>("reason"), skipped.Get<bool>("chosen")).ShouldBe(("at_capacity", false));
        (await _admin.StockAsync(near, sku)).Reserved.ShouldBe(1);
    }

    [Fact]
    public async Task A_customers_own_pickup_at_a_store_at_capacity_still_works()
    {
        var store = await LocationWithCapacity(0.01, capacity: 0);
        var sku = await _admin.CreateProductAsync(7m);
        await _admin.ReceiveAsync(store, sku, 3);

        var pickup = (await _storefront.PostJsonAsync("/api/v1/orders", new
        {
            channel = "app", customer = new { phone = "+49 170 1" }, lines = new[] { new { sku, quantity = 2 } },
            fulfilment = new { type = "pickup", locationCode = store },
        })).Expect(HttpStatusCode.Created);
        pickup["fulfilments"]![0]!.Get<string>("type").ShouldBe("pickup");

        // …but it sends nothing: with no other location, a delivery is refused and nothing is held for it.
        (await _storefront.PostJsonAsync("/api/v1/orders", Delivery(sku))).ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");
        var line = await _admin.StockAsync(store, sku);
        line.Reserved.ShouldBe(2);
        line.ShouldAgreeWithLedger();
    }

    [Fact]
    public async Task Capacity_is_set_read_and_lifted_by_admin_and_validated()
    {
        var location = await LocationWithCapacity(0.01, capacity: null);
        var set = (await _admin.SendAsync(HttpMethod.Put, $"/api/v1/locations/{location}/capacity", new { dailyCapacity = 5 })).Expect(HttpStatusCode.OK);
        (set.Get<string>("locationCode"), set["dailyCapacity"]?.GetValue<int>(), set.Get<int>("usedToday")).ShouldBe((location, 5, 0));
        ((await _admin.GetJsonAsync($"/api/v1/locations/{location}")).Expect(HttpStatusCode.OK)["dailyCapacity"]?.GetValue<int>()).ShouldBe(5);
        ((await _admin.SendAsync(HttpMethod.Put, $"/api/v1/locations/{location}/capacity", new { dailyCapacity = (int?)null }))
            .Expect(HttpStatusCode.OK)["dailyCapacity"]?.GetValue<int>()).ShouldBeNull();

        (await _admin.SendAsync(HttpMethod.Put, $"/api/v1/locations/{location}/capacity", new { dailyCapacity = -1 }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed")["errors"]!["dailyCapacity"].ShouldNotBeNull();
        (await _storefront.SendAsync(HttpMethod.Put, $"/api/v1/locations/{location}/capacity", new { dailyCapacity = 1 })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await _admin.GetJsonAsync("/api/v1/locations/NOPE-404/capacity")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
    }
}

public sealed class CapacityTestsOnSqlite(SqliteApiFactory factory) : CapacityTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class CapacityTestsOnPostgres(PostgresApiFactory factory) : CapacityTests(factory), IClassFixture<PostgresApiFactory>
{
    private readonly HttpClient _admin = factory.Admin();

    [Fact]
    public async Task Fifty_racing_orders_against_a_capacity_of_ten_give_at_most_ten_fulfilments_there_and_the_ledger_reconciles()
    {
        var code = Unique("CAPRACE");
        (await _admin.PostJsonAsync("/api/v1/locations", new
        {
            code, name = "Small store", kind = "store", latitude = 52.521, longitude = 13.401, timeZone = "Europe/Berlin",
            pickupEnabled = true, shipFromEnabled = true, dailyCapacity = 10,
        })).Expect(HttpStatusCode.Created);
        var warehouse = await _admin.CreateLocationAsync(kind: "warehouse", latitude: 52.40, longitude: 13.60, pickup: false);
        var sku = await _admin.CreateProductAsync(3m);
        await _admin.ReceiveAsync(code, sku, 100);
        await _admin.ReceiveAsync(warehouse, sku, 25);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, 50).Select(async i =>
        {
            await start.Task;
            return await factory.Storefront().PostJsonAsync("/api/v1/orders", new
            {
                channel = "web", customer = new { id = $"capr-{i}" }, lines = new[] { new { sku, quantity = 1 } },
                fulfilment = new { type = "delivery", address = new { line1 = "Street 1", city = "Berlin", postalCode = "10115", country = "DE", latitude = 52.52, longitude = 13.40 } },
            });
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(tasks);

        results.ShouldAllBe(r => r.Status == HttpStatusCode.Created || r.Status == HttpStatusCode.Conflict);
        var origins = results.Where(r => r.Status == HttpStatusCode.Created)
            .Select(r => r.Body!["fulfilments"]!.AsArray().Single()!.Get<string>("originLocationCode")).ToList();
        origins.Count(o => o == code).ShouldBe(10, "the near store takes exactly its capacity");
        origins.Count(o => o == warehouse).ShouldBe(25, "the rest goes to the warehouse until its stock runs out");
        results.Count(r => r.Status == HttpStatusCode.Conflict).ShouldBe(15);
        (await _admin.GetJsonAsync($"/api/v1/locations/{code}/capacity")).Expect(HttpStatusCode.OK).Get<int>("usedToday").ShouldBe(10);
        foreach (var location in new[] { code, warehouse })
        {
            var line = await _admin.StockAsync(location, sku);
            line.ShouldAgreeWithLedger();
            line.Reserved.ShouldBe(origins.Count(o => o == location));
        }
    }
}
