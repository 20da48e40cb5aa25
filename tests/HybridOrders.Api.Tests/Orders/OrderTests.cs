using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
using static HybridOrders.Api.Tests.Infrastructure.Api;

namespace HybridOrders.Api.Tests.Orders;

/// <summary>Orders through the real HTTP pipeline. Each test builds its own little network of locations with unique SKUs,
/// so the router only ever sees that test's stock. Positions: a customer near Alexanderplatz, stores east of it.</summary>
public abstract class OrderTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();
    private readonly HttpClient _storefront = factory.Storefront();

    private const double CustomerLat = 52.52, CustomerLon = 13.40;

    private static object Delivery(params (string Sku, int Quantity)[] lines) => new
    {
        channel = "web", customer = new { id = Unique("cust"), email = "eva@example.com" },
        lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray(),
        fulfilment = new { type = "delivery", address = new { line1 = "Unter den Linden 1", city = "Berlin", postalCode = "10117", country = "DE", latitude = CustomerLat, longitude = CustomerLon } },
    };

    private static object Pickup(string store, bool allowTransfer, params (string Sku, int Quantity)[] lines) => new
    {
        channel = "app", customer = new { phone = "+49 170 5550001", name = "Paul" },
        lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray(),
        fulfilment = new { type = "pickup", locationCode = store, allowTransfer },
    };

    private Task<string> StoreAt(double lonOffset, bool shipFrom = true, bool pickup = true) =>
        _admin.CreateLocationAsync(latitude: CustomerLat, longitude: CustomerLon + lonOffset, shipFrom: shipFrom, pickup: pickup, openingHours: MondayToSaturday);

    private async Task<string> ProductWithStock(decimal price, params (string Location, int Quantity)[] stock)
    {
        var sku = await _admin.CreateProductAsync(price);
        foreach (var (location, quantity) in stock) await _admin.ReceiveAsync(location, sku, quantity);
        return sku;
    }

    private static JsonNode Single(JsonNode order) => order["fulfilments"]!.AsArray().Single()!;

    private Task<(HttpStatusCode Status, JsonNode? Body)> Step(HttpClient client, JsonNode fulfilment, string step) =>
        client.PostJsonAsync($"/api/v1/fulfilments/{fulfilment.Get<string>("id")}/{step}", null);

    [Fact]
    public async Task Delivery_goes_to_the_nearest_location_that_has_the_whole_order_with_catalogue_prices()
    {
        var nearPartial = await StoreAt(0.01);
        var noShipping = await StoreAt(0.02, shipFrom: false);
        var midFull = await StoreAt(0.10);
        var farFull = await StoreAt(0.30);
        var a = await ProductWithStock(19.99m, (nearPartial, 5), (noShipping, 5), (midFull, 5), (farFull, 5));
        var b = await ProductWithStock(5.00m, (noShipping, 5), (midFull, 5), (farFull, 5));

        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery((a, 2), (b, 3)))).Expect(HttpStatusCode.Created);

        order.Get<string>("status").ShouldBe("placed");
        order["lines"]!.AsArray().Select(l => (l!.Get<string>("sku"), l!.Get<decimal>("unitPrice"), l!.Get<decimal>("lineTotal")))
            .ShouldBe([(a, 19.99m, 39.98m), (b, 5.00m, 15.00m)], ignoreOrder: true);
        order.Get<decimal>("total").ShouldBe(54.98m);
        var fulfilment = Single(order);
        fulfilment.Get<string>("type").ShouldBe("delivery");
        fulfilment.Get<string>("originLocationCode").ShouldBe(midFull);
        var routing = fulfilment["routing"]!;
        routing.Get<string>("strategy").ShouldBe("nearest_single_location");
        var candidates = routing["candidates"]!.AsArray().Select(c => c!).ToList();
        candidates.Select(c => c.Get<string>("locationCode")).ShouldBe([nearPartial, midFull, farFull]); // ship-from off: never a candidate
        candidates.Single(c => c.Get<bool>("chosen")).Get<string>("locationCode").ShouldBe(midFull);
        candidates[0].Get<bool>("canFulfilAll").ShouldBeFalse();
        candidates[0].Get<double>("distanceKm").ShouldBeLessThan(candidates[1].Get<double>("distanceKm"));

        (await _admin.StockAsync(midFull, a)).Reserved.ShouldBe(2);
        (await _admin.StockAsync(nearPartial, a)).Reserved.ShouldBe(0);
        (await factory.Logistics().GetJsonAsync($"/api/v1/fulfilments/{fulfilment.Get<string>("id")}")).Expect(HttpStatusCode.OK)
            ["routing"]!["candidates"]!.AsArray().Count.ShouldBe(3);
    }

    [Fact]
    public async Task Inactive_locations_are_never_chosen()
    {
        var near = await StoreAt(0.01);
        var far = await StoreAt(0.20);
        var sku = await ProductWithStock(10m, (near, 5), (far, 5));
        (await _admin.PostJsonAsync($"/api/v1/locations/{near}/deactivate", null)).Expect(HttpStatusCode.OK);

        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery((sku, 1)))).Expect(HttpStatusCode.Created);
        Single(order).Get<string>("originLocationCode").ShouldBe(far);
    }

    [Fact]
    public async Task When_no_location_has_everything_the_order_splits_over_as_few_as_possible()
    {
        var onlyA = await StoreAt(0.01);
        var onlyB = await StoreAt(0.02);
        var onlyC = await StoreAt(0.03);
        var bc = await StoreAt(0.15);
        var a = await ProductWithStock(1m, (onlyA, 1));
        var b = await ProductWithStock(1m, (onlyB, 1), (bc, 1));
        var c = await ProductWithStock(1m, (onlyC, 1), (bc, 1));

        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery((a, 1), (b, 1), (c, 1)))).Expect(HttpStatusCode.Created);

        var fulfilments = order["fulfilments"]!.AsArray().Select(f => f!).ToList();
        fulfilments.Select(f => f.Get<string>("originLocationCode")).ShouldBe([onlyA, bc], ignoreOrder: true);
        fulfilments.ShouldAllBe(f => f["routing"]!["strategy"]!.GetValue<string>() == "split_two_locations");
        // every part goes to the customer's address (each part keeps its own copy; one shared copy was saved for one part only)
        var stored = (await _storefront.GetJsonAsync($"/api/v1/orders/{order.Get<string>("id")}")).Expect(HttpStatusCode.OK);
        stored["fulfilments"]!.AsArray().ShouldAllBe(f => f!["destination"]!["address"]!["postalCode"]!.GetValue<string>() == "10117");
        (await _admin.StockAsync(bc, b)).Reserved.ShouldBe(1);
        (await _admin.StockAsync(onlyB, b)).Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task Not_enough_in_the_whole_network_is_refused_and_nothing_is_held()
    {
        var x = await StoreAt(0.01);
        var y = await StoreAt(0.02);
        var sku = await ProductWithStock(1m, (x, 2), (y, 2));
        var other = await ProductWithStock(1m, (x, 9));

        var problem = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery((sku, 5), (other, 1)))).ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");

        var shortage = problem["shortages"]!.AsArray().Single()!;
        (shortage.Get<string>("sku"), shortage.Get<int>("requested"), shortage.Get<int>("available")).ShouldBe((sku, 5, 4));
        (await _admin.StockAsync(x, sku)).Reserved.ShouldBe(0);
        (await _admin.StockAsync(x, other)).Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task A_delivery_is_shipped_as_a_sale_then_delivered_and_the_order_completes()
    {
        var store = await StoreAt(0.01);
        var sku = await ProductWithStock(10m, (store, 3));
        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery((sku, 2)))).Expect(HttpStatusCode.Created);
        var fulfilment = Single(order);
        var logistics = factory.Logistics();

        (await Step(logistics, fulfilment, "deliver")).ExpectProblem(HttpStatusCode.Conflict, "invalid_transition");
        (await Step(logistics, fulfilment, "ready")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await Step(logistics, fulfilment, "ship")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("shipped");
        var stock = await _admin.StockAsync(store, sku);
        (stock.OnHand, stock.Reserved).ShouldBe((1, 0));
        stock.ShouldAgreeWithLedger();
        (await _storefront.GetJsonAsync($"/api/v1/orders/{order.Get<string>("id")}")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("in_progress");

        var delivered = (await Step(logistics, fulfilment, "deliver")).Expect(HttpStatusCode.OK);
        delivered.Get<string>("status").ShouldBe("delivered");
        delivered["deliveredAt"].ShouldNotBeNull();
        (await _storefront.GetJsonAsync($"/api/v1/orders/{order.Get<string>("id")}")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("completed");
        (await _storefront.PostJsonAsync($"/api/v1/orders/{order.Get<string>("id")}/cancel", null)).ExpectProblem(HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task Pickup_is_held_at_the_store_made_ready_with_a_store_time_deadline_and_collected()
    {
        var store = await StoreAt(0.01, shipFrom: false);
        var sku = await ProductWithStock(10m, (store, 2));
        var pos = factory.Pos(store);

        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Pickup(store, false, (sku, 2)))).Expect(HttpStatusCode.Created);
        var fulfilment = Single(order);
        fulfilment.Get<string>("type").ShouldBe("pickup");
        fulfilment["destination"]!.Get<string>("locationCode").ShouldBe(store);
        (await _admin.StockAsync(store, sku)).Reserved.ShouldBe(2);

        (await Step(pos, fulfilment, "collect")).ExpectProblem(HttpStatusCode.Conflict, "invalid_transition");
        (await Step(factory.Pos(await StoreAt(0.5)), fulfilment, "ready")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        var ready = (await Step(pos, fulfilment, "ready")).Expect(HttpStatusCode.OK);
        ready.Get<string>("status").ShouldBe("ready_for_pickup");
        var local = ready["pickupDeadlineLocal"]!;
        local.Get<string>("timeZone").ShouldBe("Europe/Berlin");
        local.Get<string>("localDateTime").ShouldEndWith("T20:00"); // the store's closing time, in its own zone

        var collected = (await Step(pos, fulfilment, "collect")).Expect(HttpStatusCode.OK);
        collected.Get<string>("status").ShouldBe("collected");
        var stock = await _admin.StockAsync(store, sku);
        (stock.OnHand, stock.Reserved).ShouldBe((0, 0));
        stock.ShouldAgreeWithLedger();
        (await _storefront.GetJsonAsync($"/api/v1/orders/{order.Get<string>("id")}")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("completed");
    }

    [Fact]
    public async Task Pickup_without_stock_is_refused_with_shortages_and_nearby_stores_that_have_everything()
    {
        var store = await StoreAt(0.01);
        var nearFull = await StoreAt(0.05);
        var farFull = await StoreAt(0.10);
        var partial = await StoreAt(0.02);
        var a = await ProductWithStock(1m, (store, 1), (nearFull, 3), (farFull, 3), (partial, 3));
        var b = await ProductWithStock(1m, (nearFull, 1), (farFull, 1));

        var problem = (await _storefront.PostJsonAsync("/api/v1/orders", Pickup(store, false, (a, 2), (b, 1))))
            .ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");

        problem["shortages"]!.AsArray().Select(s => s!.Get<string>("sku")).ShouldBe([a, b], ignoreOrder: true);
        problem["alternatives"]!.AsArray().Select(s => s!.Get<string>("locationCode")).ShouldBe([nearFull, farFull]);
        (await _admin.StockAsync(store, a)).Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task Pickup_with_transfer_brings_the_missing_stock_from_the_nearest_location_to_the_store()
    {
        var store = await StoreAt(0.01);
        var near = await StoreAt(0.05);
        var far = await StoreAt(0.30);
        var warehouseNoShip = await StoreAt(0.02, shipFrom: false);
        var sku = await ProductWithStock(10m, (store, 1), (near, 5), (far, 5), (warehouseNoShip, 5));

        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Pickup(store, true, (sku, 3)))).Expect(HttpStatusCode.Created);

        var fulfilments = order["fulfilments"]!.AsArray().Select(f => f!).ToList();
        var local = fulfilments.Single(f => f.Get<string>("type") == "pickup");
        var transfer = fulfilments.Single(f => f.Get<string>("type") == "transfer_to_pickup");
        (local.Get<string>("originLocationCode"), local["lines"]![0]!.Get<int>("quantity")).ShouldBe((store, 1));
        (transfer.Get<string>("originLocationCode"), transfer["lines"]![0]!.Get<int>("quantity")).ShouldBe((near, 2));
        transfer["destination"]!.Get<string>("locationCode").ShouldBe(store);

        var storePos = factory.Pos(store);
        (await Step(storePos, transfer, "receive")).ExpectProblem(HttpStatusCode.Conflict, "invalid_transition");
        (await Step(factory.Pos(near), transfer, "ship")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("in_transit");
        var origin = await _admin.StockAsync(near, sku);
        (origin.OnHand, origin.Reserved).ShouldBe((3, 0));
        origin.ShouldAgreeWithLedger();

        var received = (await Step(storePos, transfer, "receive")).Expect(HttpStatusCode.OK);
        received.Get<string>("status").ShouldBe("ready_for_pickup");
        received["pickupDeadline"].ShouldNotBeNull();
        var atStore = await _admin.StockAsync(store, sku);
        (atStore.OnHand, atStore.Reserved, atStore.Available).ShouldBe((3, 3, 0)); // 1 held here + 2 arrived, all for the customer
        atStore.ShouldAgreeWithLedger();

        (await Step(storePos, local, "ready")).Expect(HttpStatusCode.OK);
        (await Step(storePos, local, "collect")).Expect(HttpStatusCode.OK);
        (await Step(storePos, transfer, "collect")).Expect(HttpStatusCode.OK);
        var after = await _admin.StockAsync(store, sku);
        (after.OnHand, after.Reserved).ShouldBe((0, 0));
        after.ShouldAgreeWithLedger();
        (await _storefront.GetJsonAsync($"/api/v1/orders/{order.Get<string>("id")}")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("completed");
    }

    [Fact]
    public async Task Cancel_releases_what_has_not_left_and_keeps_what_has()
    {
        var x = await StoreAt(0.01);
        var y = await StoreAt(0.02);
        var a = await ProductWithStock(1m, (x, 1));
        var b = await ProductWithStock(1m, (y, 1));
        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery((a, 1), (b, 1)))).Expect(HttpStatusCode.Created);
        var fromX = order["fulfilments"]!.AsArray().Single(f => f!.Get<string>("originLocationCode") == x)!;
        (await Step(factory.Logistics(), fromX, "ship")).Expect(HttpStatusCode.OK);

        var cancelled = (await _storefront.PostJsonAsync($"/api/v1/orders/{order.Get<string>("id")}/cancel", null)).Expect(HttpStatusCode.OK);

        cancelled["fulfilments"]!.AsArray().Select(f => (f!.Get<string>("originLocationCode"), f!.Get<string>("status")))
            .ShouldBe([(x, "shipped"), (y, "cancelled")], ignoreOrder: true);
        cancelled.Get<string>("status").ShouldBe("in_progress");
        var stock = await _admin.StockAsync(y, b);
        (stock.OnHand, stock.Reserved, stock.Available).ShouldBe((1, 0, 1));
        stock.ShouldAgreeWithLedger();
        (await _storefront.PostJsonAsync($"/api/v1/orders/{order.Get<string>("id")}/cancel", null)).ExpectProblem(HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task A_customer_is_seen_across_channels_by_id_email_or_phone()
    {
        var store = await StoreAt(0.01);
        var sku = await ProductWithStock(1m, (store, 10));
        var id = Unique("cust");
        var email = $"{Unique("mia")}@example.com";
        (await _storefront.PostJsonAsync("/api/v1/orders", new
        {
            channel = "call_centre", customer = new { id, email = email.ToUpperInvariant() }, lines = new[] { new { sku, quantity = 1 } },
            fulfilment = new { type = "pickup", locationCode = store },
        })).Expect(HttpStatusCode.Created);
        (await factory.Pos(store).PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = store, channel = "pos", customer = new { email }, lines = new[] { new { sku, quantity = 1 } },
        })).Expect(HttpStatusCode.Created);

        var byEmail = (await _storefront.GetJsonAsync($"/api/v1/customers/{email}")).Expect(HttpStatusCode.OK);
        byEmail.Get<string>("matchedBy").ShouldBe("email");
        byEmail["orders"]!.AsArray().Single()!.Get<string>("channel").ShouldBe("call_centre");
        byEmail["activeReservations"]!.AsArray().Count.ShouldBe(1);
        var byId = (await _admin.GetJsonAsync($"/api/v1/customers/{id}")).Expect(HttpStatusCode.OK);
        (await factory.Pos(store).GetJsonAsync($"/api/v1/customers/{id}")).Expect(HttpStatusCode.OK); // store staff serve customers of every channel
        // a store lists the orders it picks, sends or hands over, and no others
        (await factory.Pos(store).GetJsonAsync($"/api/v1/orders?customerId={id}")).Expect(HttpStatusCode.OK)["items"]!.AsArray().Count.ShouldBe(1);
        (await factory.Pos(await StoreAt(0.6)).GetJsonAsync($"/api/v1/orders?customerId={id}")).Expect(HttpStatusCode.OK)["items"]!.AsArray().ShouldBeEmpty();
        byId.Get<string>("matchedBy").ShouldBe("id");
        byId["orders"]!.AsArray().Count.ShouldBe(1);
        (await _storefront.GetJsonAsync($"/api/v1/orders?customerId={email}")).Expect(HttpStatusCode.OK)["items"]!.AsArray().Count.ShouldBe(1);
        (await _storefront.GetJsonAsync($"/api/v1/orders?customerId={id}&channel=call_centre&status=placed")).Expect(HttpStatusCode.OK)["items"]!.AsArray().Count.ShouldBe(1);
        (await _storefront.GetJsonAsync("/api/v1/customers/nobody-like-this")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Logistics_filters_fulfilments_by_location_status_and_type()
    {
        var store = await StoreAt(0.01);
        var sku = await ProductWithStock(1m, (store, 10));
        var delivery = Single((await _storefront.PostJsonAsync("/api/v1/orders", Delivery((sku, 1)))).Expect(HttpStatusCode.Created));
        var pickup = Single((await _storefront.PostJsonAsync("/api/v1/orders", Pickup(store, false, (sku, 1)))).Expect(HttpStatusCode.Created));
        (await Step(factory.Logistics(), delivery, "ship")).Expect(HttpStatusCode.OK);

        async Task<List<string>> Ids(string query) =>
            (await factory.Logistics().GetJsonAsync($"/api/v1/fulfilments?locationCode={store}{query}")).Expect(HttpStatusCode.OK)
            ["items"]!.AsArray().Select(f => f!.Get<string>("id")).ToList();

        (await Ids("")).ShouldBe([pickup.Get<string>("id"), delivery.Get<string>("id")]); // newest first
        (await Ids("&type=pickup")).ShouldBe([pickup.Get<string>("id")]);
        (await Ids("&status=shipped")).ShouldBe([delivery.Get<string>("id")]);
        (await Ids("&status=ready_for_pickup")).ShouldBeEmpty();
        (await factory.Logistics().GetJsonAsync("/api/v1/fulfilments?status=lost")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await factory.Pos(await StoreAt(0.4)).GetJsonAsync($"/api/v1/fulfilments?locationCode={store}")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await Step(_storefront, delivery, "deliver")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_retried_order_with_the_same_idempotency_key_is_placed_once()
    {
        var store = await StoreAt(0.01);
        var sku = await ProductWithStock(1m, (store, 10));
        var key = Guid.NewGuid().ToString();
        var body = Delivery((sku, 2));

        var first = (await _storefront.PostJsonAsync("/api/v1/orders", body, key)).Expect(HttpStatusCode.Created);
        var again = (await _storefront.PostJsonAsync("/api/v1/orders", body, key)).Expect(HttpStatusCode.Created);

        again.Get<string>("id").ShouldBe(first.Get<string>("id"));
        (await _admin.StockAsync(store, sku)).Reserved.ShouldBe(2);
    }

    [Fact]
    public async Task Order_refusals_are_problems_with_codes()
    {
        var store = await StoreAt(0.01, pickup: false);
        var sku = await ProductWithStock(1m, (store, 10));
        (await _storefront.PostJsonAsync("/api/v1/orders", Pickup(store, false, (sku, 1)))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "pickup_not_available");
        (await _storefront.PostJsonAsync("/api/v1/orders", Pickup("NO-SUCH-STORE", false, (sku, 1)))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "unknown_location");
        (await _storefront.PostJsonAsync("/api/v1/orders", Delivery(("NO-SUCH-SKU", 1)))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "unknown_sku");
        var invalid = (await _storefront.PostJsonAsync("/api/v1/orders", new
        {
            channel = "web", customer = new { name = "X" }, lines = new[] { new { sku, quantity = 1 } },
            fulfilment = new { type = "delivery", address = new { line1 = "", city = "Berlin", postalCode = "1", country = "Germany", latitude = 95.0 } },
        })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        invalid["errors"]!.AsObject().Select(e => e.Key).ShouldBe(
            ["fulfilment.address.line1", "fulfilment.address.country", "fulfilment.address.latitude", "fulfilment.address.longitude"], ignoreOrder: true);
        (await _storefront.PostJsonAsync("/api/v1/orders", new { channel = "web", customer = new { name = "X" }, lines = new[] { new { sku, quantity = 1 } }, fulfilment = new { type = "pickup" } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed")["errors"]!["fulfilment.locationCode"].ShouldNotBeNull();
        (await _storefront.GetJsonAsync($"/api/v1/orders/{Guid.NewGuid()}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        (await _storefront.PostJsonAsync("/api/v1/orders", new { channel = "web", customer = new { }, lines = new[] { new { sku, quantity = 1 } }, fulfilment = new { type = "pickup", locationCode = store } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed")["errors"]!["customer"].ShouldNotBeNull();
        var luxury = await _admin.CreateProductAsync(999_999_999m);
        await _admin.ReceiveAsync(store, luxury, 5);
        (await _storefront.PostJsonAsync("/api/v1/orders", Delivery((luxury, 2)))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "order_total_too_large");
        (await factory.Logistics().PostJsonAsync("/api/v1/orders", Delivery((sku, 1)))).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }
}

public sealed class OrderTestsOnSqlite(SqliteApiFactory factory) : OrderTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class OrderTestsOnPostgres(PostgresApiFactory factory) : OrderTests(factory), IClassFixture<PostgresApiFactory>;
