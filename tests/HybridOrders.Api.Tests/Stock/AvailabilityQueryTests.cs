using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Stock;

/// <summary>api.md, "Availability for listing pages": POST /availability/query answers many SKUs with one request.</summary>
public abstract class AvailabilityQueryTests(ApiFactory factory)
{
    private const string Query = "/api/v1/availability/query";
    private readonly HttpClient _admin = factory.Admin();

    private static JsonNode Item(JsonNode body, string sku) => body["items"]!.AsArray().Single(i => i!.Get<string>("sku") == sku)!;

    [Fact]
    public async Task Many_skus_are_answered_at_once_with_network_ship_and_nearest_pickup_figures()
    {
        // The customer at (52.5219, 13.4100); distances from there: an inactive store right there, a store that does not ship
        // (0.12 km), a near store (0.22 km), a farther store (7.5 km), a warehouse (no pickup).
        var inactive = await _admin.CreateLocationAsync(latitude: 52.5219, longitude: 13.4100);
        var noShip = await _admin.CreateLocationAsync(latitude: 52.5230, longitude: 13.4100, shipFrom: false);
        var near = await _admin.CreateLocationAsync(latitude: 52.5219, longitude: 13.4132);
        var far = await _admin.CreateLocationAsync(latitude: 52.5200, longitude: 13.3000);
        var warehouse = await _admin.CreateLocationAsync(kind: "warehouse", latitude: 52.40, longitude: 13.50, pickup: false);
        var a = await _admin.CreateProductAsync();
        var b = await _admin.CreateProductAsync();
        var none = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(near, a, 3);
        await _admin.ReceiveAsync(far, a, 4);
        await _admin.ReceiveAsync(noShip, a, 5);
        await _admin.ReceiveAsync(warehouse, a, 100);
        await _admin.ReceiveAsync(inactive, a, 50);
        await _admin.ReceiveAsync(far, b, 2);
        await _admin.ReceiveAsync(noShip, b, 6);
        // Safety stock and holds count as they do in GET /availability/{sku}.
        (await _admin.SendAsync(HttpMethod.Put, $"/api/v1/locations/{noShip}/stock/{b}/safety-stock", new { quantity = 6 })).Expect(HttpStatusCode.OK);
        (await factory.Pos(near).PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = near, channel = "pos", customer = new { name = "Eva" }, lines = new[] { new { sku = a, quantity = 1 } },
        })).Expect(HttpStatusCode.Created);
        (await _admin.PostJsonAsync($"/api/v1/locations/{inactive}/deactivate", null)).Expect(HttpStatusCode.OK);
        var unknown = Infrastructure.Api.Unique("NOPE");

        var body = (await factory.Storefront().PostJsonAsync(Query, new { skus = new[] { a, b, none, unknown, a }, latitude = 52.5219, longitude = 13.4100 }))
            .Expect(HttpStatusCode.OK);

        body["items"]!.AsArray().Select(i => i!.Get<string>("sku")).ToArray().ShouldBe(new[] { a, b, none, unknown });
        var itemA = Item(body, a);
        var single = (await _admin.GetJsonAsync($"/api/v1/availability/{a}")).Expect(HttpStatusCode.OK);
        itemA.Get<long>("available").ShouldBe(single.Get<long>("available"));
        itemA.Get<bool>("known").ShouldBeTrue();
        // Pickup needs no ship-from: the store that does not ship is the nearest active one with any.
        itemA["nearestPickup"]!.Get<string>("locationCode").ShouldBe(noShip);
        itemA["nearestPickup"]!.Get<int>("available").ShouldBe(5);
        itemA["nearestPickup"]!.Get<string>("name").ShouldBe($"Test {noShip}");
        (itemA.Get<long>("available"), itemA.Get<long>("availableToShip")).ShouldBe((111L, 106L)); // 2 + 4 + 5 + 100; the 5 do not ship

        var itemB = Item(body, b);
        (itemB.Get<long>("available"), itemB.Get<long>("availableToShip")).ShouldBe((2L, 2L)); // noShip's 6 are all safety stock
        itemB["nearestPickup"]!.Get<string>("locationCode").ShouldBe(far);
        itemB["nearestPickup"]!.Get<double>("distanceKm").ShouldBe(7.5, 1.0);

        var itemNone = Item(body, none);
        (itemNone.Get<bool>("known"), itemNone.Get<long>("available"), itemNone["nearestPickup"]).ShouldBe((true, 0L, (JsonNode?)null));
        var itemUnknown = Item(body, unknown);
        (itemUnknown.Get<bool>("known"), itemUnknown.Get<long>("available"), itemUnknown.Get<long>("availableToShip")).ShouldBe((false, 0L, 0L));
        itemUnknown["nearestPickup"].ShouldBeNull();

        // Without a point there is no pickup; a small radius leaves only what is near.
        var noPoint = (await _admin.PostJsonAsync(Query, new { skus = new[] { a } })).Expect(HttpStatusCode.OK);
        Item(noPoint, a)["nearestPickup"].ShouldBeNull();
        var small = (await _admin.PostJsonAsync(Query, new { skus = new[] { b }, latitude = 52.5219, longitude = 13.4100, radiusKm = 2 })).Expect(HttpStatusCode.OK);
        Item(small, b)["nearestPickup"].ShouldBeNull();
    }

    [Fact]
    public async Task A_pos_terminal_sees_its_own_store_only()
    {
        var own = await _admin.CreateLocationAsync();
        var other = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(own, sku, 2);
        await _admin.ReceiveAsync(other, sku, 7);

        var body = (await factory.Pos(own).PostJsonAsync(Query, new { skus = new[] { sku }, latitude = 52.52, longitude = 13.40 })).Expect(HttpStatusCode.OK);
        Item(body, sku).Get<long>("available").ShouldBe(2);
        Item(body, sku)["nearestPickup"]!.Get<string>("locationCode").ShouldBe(own);
        Item((await factory.Logistics().PostJsonAsync(Query, new { skus = new[] { sku } })).Expect(HttpStatusCode.OK), sku).Get<long>("available").ShouldBe(9);
    }

    [Fact]
    public async Task Malformed_queries_are_400_problems()
    {
        async Task RefusedAsync(object body, string field)
        {
            var problem = (await _admin.PostJsonAsync(Query, body)).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
            problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field, problem.ToJsonString());
        }

        await RefusedAsync(new { skus = Array.Empty<string>() }, "skus");
        await RefusedAsync(new { skus = Enumerable.Range(0, 201).Select(i => $"S{i}").ToArray() }, "skus");
        await RefusedAsync(new { skus = new[] { "ok", "not ok!" } }, "skus[1]");
        await RefusedAsync(new { skus = new[] { "ok" }, latitude = 52.5 }, "longitude");
        await RefusedAsync(new { skus = new[] { "ok" }, latitude = 91, longitude = 13 }, "latitude");
        await RefusedAsync(new { skus = new[] { "ok" }, latitude = 52, longitude = 13, radiusKm = 0 }, "radiusKm");
        await RefusedAsync("""{"skus":"A"}""", "skus");
        (await factory.Anonymous().PostJsonAsync(Query, new { skus = new[] { "ok" } })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class AvailabilityQueryTestsOnSqlite(SqliteApiFactory factory) : AvailabilityQueryTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class AvailabilityQueryTestsOnPostgres(PostgresApiFactory factory) : AvailabilityQueryTests(factory), IClassFixture<PostgresApiFactory>;

/// <summary>On the Citus cluster: the stock lines (distributed by SKU) and the catalogue in one query.</summary>
[Collection(CitusCollection.Name)]
public sealed class AvailabilityQueryTestsOnCitus(CitusApiFactory factory) : AvailabilityQueryTests(factory), IClassFixture<CitusApiFactory>;
