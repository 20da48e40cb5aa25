using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
using static HybridOrders.Api.Tests.Infrastructure.Api;

namespace HybridOrders.Api.Tests.Orders;

/// <summary>Short picks: <c>POST /fulfilments/{id}/reject</c> corrects the origin's stock by reason, routes the rejected units
/// again at once (never back to the rejecting location), and cancels on the order what nobody can supply, to the cent.</summary>
public abstract class RejectTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();
    private readonly HttpClient _storefront = factory.Storefront();

    private const double CustomerLat = 52.52, CustomerLon = 13.40;

    private static object Delivery(string? promoCode, params (string Sku, int Quantity)[] lines) => new
    {
        channel = "web", customer = new { id = Unique("cust") }, promoCode,
        lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray(),
        fulfilment = new { type = "delivery", address = new { line1 = "Unter den Linden 1", city = "Berlin", postalCode = "10117", country = "DE", latitude = CustomerLat, longitude = CustomerLon } },
    };

    private Task<string> StoreAt(double lonOffset, bool shipFrom = true) =>
        _admin.CreateLocationAsync(latitude: CustomerLat, longitude: CustomerLon + lonOffset, shipFrom: shipFrom, openingHours: MondayToSaturday);

    private async Task<string> ProductWithStock(decimal price, params (string Location, int Quantity)[] stock)
    {
        var sku = await _admin.CreateProductAsync(price);
        foreach (var (location, quantity) in stock) await _admin.ReceiveAsync(location, sku, quantity);
        return sku;
    }

    private Task<(HttpStatusCode Status, JsonNode? Body)> Reject(HttpClient client, JsonNode fulfilment, string reason, params (string Sku, int Quantity)[] lines) =>
        client.PostJsonAsync($"/api/v1/fulfilments/{fulfilment.Get<string>("id")}/reject",
            lines.Length == 0 ? new { reason } : new { reason, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray() });

    private async Task<JsonNode> LastMovement(string location, string sku) =>
        (await _admin.GetJsonAsync($"/api/v1/locations/{location}/stock/{sku}/movements?limit=500")).Expect(HttpStatusCode.OK)["items"]!.AsArray().Last()!;

    private static JsonNode Single(JsonNode order) => order["fulfilments"]!.AsArray().Single()!;

    [Fact]
    public async Task A_rejected_delivery_reappears_from_the_second_nearest_location_with_its_decision_stored()
    {
        var nearest = await StoreAt(0.01);
        var second = await StoreAt(0.05);
        var third = await StoreAt(0.20);
        var sku = await ProductWithStock(10m, (nearest, 3), (second, 2), (third, 5));
        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery(null, (sku, 2)))).Expect(HttpStatusCode.Created);
        var original = Single(order);
        original.Get<string>("originLocationCode").ShouldBe(nearest);

        var result = (await Reject(factory.Pos(nearest), original, "not_found")).Expect(HttpStatusCode.OK);

        var rejected = result["rejected"]!;
        (rejected.Get<string>("id"), rejected.Get<string>("status"), rejected.Get<string>("rejectionReason")).ShouldBe((original.Get<string>("id"), "rejected", "not_found"));
        rejected["rejectedAt"].ShouldNotBeNull();
        rejected["lines"]![0]!.Get<int>("rejectedQuantity").ShouldBe(2);
        result["kept"].ShouldBeNull();
        result["cancelledLines"]!.AsArray().ShouldBeEmpty();
        var replacement = result["replacements"]!.AsArray().Single()!;
        (replacement.Get<string>("type"), replacement.Get<string>("status"), replacement.Get<string>("originLocationCode")).ShouldBe(("delivery", "allocated", second));
        replacement.Get<string>("replacesFulfilmentId").ShouldBe(original.Get<string>("id"));
        replacement["destination"]!["address"]!.Get<string>("postalCode").ShouldBe("10117");
        replacement["lines"]![0]!.Get<int>("quantity").ShouldBe(2);

        // the decision is stored: read back, it names the rejecting location and why it was passed over
        var stored = (await factory.Logistics().GetJsonAsync($"/api/v1/fulfilments/{replacement.Get<string>("id")}")).Expect(HttpStatusCode.OK);
        stored["routing"]!.Get<string>("strategy").ShouldBe("reroute_after_rejection");
        var candidates = stored["routing"]!["candidates"]!.AsArray().Select(c => c!).ToList();
        candidates.Select(c => c.Get<string>("locationCode")).ShouldBe([nearest, second, third]);
        var passedOver = candidates[0];
        (passedOver.Get<bool>("chosen"), passedOver.Get<string>("reason")).ShouldBe((false, "rejected: not_found"));
        candidates.Single(c => c.Get<bool>("chosen")).Get<string>("locationCode").ShouldBe(second);

        // not_found: the units are not there, so on-hand falls (an adjustment naming the fulfilment)
        var movement = await LastMovement(nearest, sku);
        (movement.Get<string>("kind"), movement.Get<int>("onHandDelta"), movement.Get<int>("reservedDelta")).ShouldBe(("adjustment", -2, -2));
        movement.Get<string>("reference").ShouldContain(original.Get<string>("code"));
        var atNearest = await _admin.StockAsync(nearest, sku);
        (atNearest.OnHand, atNearest.Reserved).ShouldBe((1, 0));
        atNearest.ShouldAgreeWithLedger();
        var atSecond = await _admin.StockAsync(second, sku);
        (atSecond.OnHand, atSecond.Reserved).ShouldBe((2, 2));
        atSecond.ShouldAgreeWithLedger();

        var after = (await _storefront.GetJsonAsync($"/api/v1/orders/{order.Get<string>("id")}")).Expect(HttpStatusCode.OK);
        after.Get<string>("status").ShouldBe("placed");
        after.Get<decimal>("total").ShouldBe(20m);
        after["fulfilments"]!.AsArray().Select(f => f!.Get<string>("status")).ShouldBe(["rejected", "allocated"]);
        (await factory.Logistics().GetJsonAsync($"/api/v1/fulfilments?locationCode={nearest}&status=rejected")).Expect(HttpStatusCode.OK)
            ["items"]!.AsArray().Single()!.Get<string>("id").ShouldBe(original.Get<string>("id"));
        static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var stores = (await _admin.GetJsonAsync($"/api/v1/analytics/stores?from={Iso(DateTimeOffset.UtcNow.AddHours(-1))}&to={Iso(DateTimeOffset.UtcNow.AddHours(1))}"))
            .Expect(HttpStatusCode.OK)["locations"]!.AsArray();
        stores.Single(l => l!.Get<string>("locationCode") == nearest)!.Get<int>("rejected").ShouldBe(1);
        stores.Single(l => l!.Get<string>("locationCode") == second)!.Get<int>("rejected").ShouldBe(0);
    }

    [Fact]
    public async Task A_reject_and_its_replacement_are_events_in_the_feed()
    {
        var nearest = await StoreAt(0.01);
        var second = await StoreAt(0.05);
        var sku = await ProductWithStock(10m, (nearest, 2), (second, 2));
        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery(null, (sku, 2)))).Expect(HttpStatusCode.Created);
        var original = Single(order);
        var result = (await Reject(factory.Pos(nearest), original, "damaged")).Expect(HttpStatusCode.OK);
        var replacementId = result["replacements"]![0]!.Get<string>("id");

        var ids = new[] { original.Get<string>("id"), replacementId };
        List<JsonNode> mine = [];
        for (var attempt = 0; attempt < 100 && mine.Count < 2; attempt++)
        {
            if (attempt > 0) await Task.Delay(100);
            mine = [];
            var url = "/api/v1/events?after=0&types=fulfilment.rejected,fulfilment.rerouted&limit=500";
            while (url is not null)
            {
                var page = (await factory.Logistics().GetJsonAsync(url)).Expect(HttpStatusCode.OK);
                mine.AddRange(page["items"]!.AsArray().Select(e => e!).Where(e => ids.Contains(e.DataId())));
                url = page["nextCursor"]?.GetValue<string>() is { } next ? $"/api/v1/events?cursor={next}&types=fulfilment.rejected,fulfilment.rerouted&limit=500" : null;
            }
        }

        mine.Select(e => (e.Get<string>("type"), e.DataId())).ShouldBe([("fulfilment.rejected", ids[0]), ("fulfilment.rerouted", ids[1])]);
        mine[0]["data"]!.Get<string>("status").ShouldBe("rejected");
        mine[0]["data"]!.Get<string>("rejectionReason").ShouldBe("damaged");
        mine[1]["data"]!.Get<string>("replacesFulfilmentId").ShouldBe(ids[0]);
        mine[1]["data"]!.Get<string>("originLocationCode").ShouldBe(second);
    }

    [Fact]
    public async Task A_replacement_respects_store_capacity_and_takes_a_slot_where_it_goes()
    {
        var nearest = await StoreAt(0.01);
        var full = await StoreAt(0.03);
        var open = await StoreAt(0.08);
        var sku = await ProductWithStock(10m, (nearest, 1), (full, 5), (open, 5));
        (await _admin.SendAsync(HttpMethod.Put, $"/api/v1/locations/{full}/capacity", new { dailyCapacity = 0 })).Expect(HttpStatusCode.OK);
        (await _admin.SendAsync(HttpMethod.Put, $"/api/v1/locations/{open}/capacity", new { dailyCapacity = 5 })).Expect(HttpStatusCode.OK);
        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery(null, (sku, 1)))).Expect(HttpStatusCode.Created);

        var result = (await Reject(factory.Logistics(), Single(order), "store_unable")).Expect(HttpStatusCode.OK);

        var replacement = result["replacements"]!.AsArray().Single()!;
        replacement.Get<string>("originLocationCode").ShouldBe(open);
        var reasons = replacement["routing"]!["candidates"]!.AsArray().ToDictionary(c => c!.Get<string>("locationCode"), c => c!.Get<string>("reason"));
        (reasons[nearest], reasons[full]).ShouldBe(("rejected: store_unable", "at_capacity"));
        (await _admin.GetJsonAsync($"/api/v1/locations/{open}/capacity")).Expect(HttpStatusCode.OK).Get<int>("usedToday").ShouldBe(1);
        (await _admin.StockAsync(full, sku)).Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task A_pickup_its_store_rejects_comes_as_a_transfer_to_the_same_store()
    {
        var store = await StoreAt(0.01);
        var other = await StoreAt(0.08);
        var noShipping = await StoreAt(0.02, shipFrom: false);
        var sku = await ProductWithStock(10m, (store, 1), (other, 3), (noShipping, 5));
        var order = (await _storefront.PostJsonAsync("/api/v1/orders", new
        {
            channel = "app", customer = new { phone = "+49 170 5550001" }, lines = new[] { new { sku, quantity = 1 } },
            fulfilment = new { type = "pickup", locationCode = store },
        })).Expect(HttpStatusCode.Created);
        var pickup = Single(order);

        var result = (await Reject(factory.Pos(store), pickup, "damaged")).Expect(HttpStatusCode.OK);

        var transfer = result["replacements"]!.AsArray().Single()!;
        (transfer.Get<string>("type"), transfer.Get<string>("originLocationCode")).ShouldBe(("transfer_to_pickup", other));
        transfer["destination"]!.Get<string>("locationCode").ShouldBe(store);
        transfer.Get<string>("replacesFulfilmentId").ShouldBe(pickup.Get<string>("id"));
        transfer["routing"]!["candidates"]!.AsArray().Single(c => c!.Get<string>("locationCode") == store)!.Get<string>("reason").ShouldBe("rejected: damaged");

        // damaged: out of sellable stock as a damaged entry
        var movement = await LastMovement(store, sku);
        (movement.Get<string>("kind"), movement.Get<int>("onHandDelta"), movement.Get<int>("reservedDelta")).ShouldBe(("damaged", -1, -1));
        var atStore = await _admin.StockAsync(store, sku);
        (atStore.OnHand, atStore.Reserved).ShouldBe((0, 0));
        atStore.ShouldAgreeWithLedger();
        (await _admin.StockAsync(other, sku)).Reserved.ShouldBe(1);

        // the transfer runs as any other: sent, received and collected at the customer's store
        (await factory.Pos(other).PostJsonAsync($"/api/v1/fulfilments/{transfer.Get<string>("id")}/ship", null)).Expect(HttpStatusCode.OK);
        (await factory.Pos(store).PostJsonAsync($"/api/v1/fulfilments/{transfer.Get<string>("id")}/receive", null)).Expect(HttpStatusCode.OK);
        (await factory.Pos(store).PostJsonAsync($"/api/v1/fulfilments/{transfer.Get<string>("id")}/collect", null)).Expect(HttpStatusCode.OK);
        (await _storefront.GetJsonAsync($"/api/v1/orders/{order.Get<string>("id")}")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("completed");
        (await _admin.StockAsync(store, sku)).ShouldAgreeWithLedger();
    }

    [Fact]
    public async Task What_nobody_can_supply_is_cancelled_with_the_discounted_amount_and_the_order_total_falls()
    {
        var store = await StoreAt(0.01);
        var elsewhere = await StoreAt(0.10);
        var scarce = await ProductWithStock(9.99m, (store, 3));           // only here
        var plenty = await ProductWithStock(5.00m, (store, 1), (elsewhere, 1));
        var code = Unique("REJ15");
        (await _admin.PostJsonAsync("/api/v1/promotions", new { code, kind = "percent", value = 15, startsAt = "2020-01-01T00:00:00Z", endsAt = "2099-01-01T00:00:00Z" }))
            .Expect(HttpStatusCode.Created);
        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery(code, (scarce, 3), (plenty, 1)))).Expect(HttpStatusCode.Created);
        var line = order["lines"]!.AsArray().Single(l => l!.Get<string>("sku") == scarce)!;
        var lineTotal = line.Get<decimal>("lineTotal");
        var total = order.Get<decimal>("total");

        // one unit of the scarce SKU is missing; nobody else has it
        var first = (await Reject(factory.Logistics(), Single(order), "store_unable", (scarce, 1))).Expect(HttpStatusCode.OK);
        var cancelled = first["cancelledLines"]!.AsArray().Single()!;
        var oneThird = Math.Round(lineTotal / 3, 2, MidpointRounding.AwayFromZero);
        (cancelled.Get<string>("sku"), cancelled.Get<int>("quantity"), cancelled.Get<decimal>("refundAmount")).ShouldBe((scarce, 1, oneThird));
        first["replacements"]!.AsArray().ShouldBeEmpty();
        var kept = first["kept"]!;
        (kept.Get<string>("originLocationCode"), kept.Get<string>("status"), kept.Get<string>("replacesFulfilmentId"))
            .ShouldBe((store, "allocated", Single(order).Get<string>("id")));
        kept["lines"]!.AsArray().Select(l => (l!.Get<string>("sku"), l!.Get<int>("quantity"))).ShouldBe([(scarce, 2), (plenty, 1)], ignoreOrder: true);
        first["rejected"]!["lines"]!.AsArray().Select(l => (l!.Get<string>("sku"), l!.Get<int>("rejectedQuantity"))).ShouldBe([(scarce, 1), (plenty, 0)], ignoreOrder: true);
        var afterFirst = first["order"]!;
        afterFirst.Get<decimal>("total").ShouldBe(total - oneThird);
        afterFirst.Get<string>("status").ShouldBe("placed");
        afterFirst["lines"]!.AsArray().Single(l => l!.Get<string>("sku") == scarce)!.Get<int>("cancelledQuantity").ShouldBe(1);
        // store_unable: only released, on-hand unchanged
        var movement = await LastMovement(store, scarce);
        (movement.Get<string>("kind"), movement.Get<int>("onHandDelta"), movement.Get<int>("reservedDelta")).ShouldBe(("release", 0, -1));
        var scarceStock = await _admin.StockAsync(store, scarce);
        (scarceStock.OnHand, scarceStock.Reserved).ShouldBe((3, 2));

        // then the store gives up on the rest: the other SKU goes elsewhere, the scarce one is cancelled - the parts add up to the line
        var second = (await Reject(factory.Pos(store), kept, "not_found")).Expect(HttpStatusCode.OK);
        var rest = second["cancelledLines"]!.AsArray().Single()!;
        (rest.Get<string>("sku"), rest.Get<int>("quantity")).ShouldBe((scarce, 2));
        (oneThird + rest.Get<decimal>("refundAmount")).ShouldBe(lineTotal);
        second["replacements"]!.AsArray().Single()!.Get<string>("originLocationCode").ShouldBe(elsewhere);
        var afterSecond = second["order"]!;
        afterSecond.Get<decimal>("total").ShouldBe(total - lineTotal);
        afterSecond.Get<decimal>("subtotal").ShouldBe(5.00m);
        (afterSecond.Get<decimal>("subtotal") - afterSecond.Get<decimal>("discount")).ShouldBe(afterSecond.Get<decimal>("total"));
        afterSecond.Get<string>("status").ShouldBe("placed");
        foreach (var (location, sku) in new[] { (store, scarce), (store, plenty), (elsewhere, plenty) }) (await _admin.StockAsync(location, sku)).ShouldAgreeWithLedger();
        (await _admin.StockAsync(store, scarce)).OnHand.ShouldBe(1); // 2 not found
    }

    [Fact]
    public async Task When_nothing_is_left_anywhere_the_whole_order_is_cancelled_and_its_promo_redemption_comes_back()
    {
        var store = await StoreAt(0.01);
        var sku = await ProductWithStock(12.34m, (store, 2));
        var code = Unique("REJ");
        (await _admin.PostJsonAsync("/api/v1/promotions", new { code, kind = "amount", value = 4, startsAt = "2020-01-01T00:00:00Z", endsAt = "2099-01-01T00:00:00Z" }))
            .Expect(HttpStatusCode.Created);
        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery(code, (sku, 2)))).Expect(HttpStatusCode.Created);
        (await _admin.GetJsonAsync($"/api/v1/promotions/{code}")).Expect(HttpStatusCode.OK).Get<int>("redemptions").ShouldBe(1);

        var result = (await Reject(factory.Pos(store), Single(order), "damaged")).Expect(HttpStatusCode.OK);

        var cancelled = result["cancelledLines"]!.AsArray().Single()!;
        (cancelled.Get<int>("quantity"), cancelled.Get<decimal>("refundAmount")).ShouldBe((2, 20.68m)); // 24.68 less the 4.00 off
        var after = result["order"]!;
        (after.Get<string>("status"), after.Get<decimal>("total")).ShouldBe(("cancelled", 0m));
        (await _admin.GetJsonAsync($"/api/v1/promotions/{code}")).Expect(HttpStatusCode.OK).Get<int>("redemptions").ShouldBe(0);
        after["cancelledAt"].ShouldNotBeNull();
        var stock = await _admin.StockAsync(store, sku);
        (stock.OnHand, stock.Reserved).ShouldBe((0, 0));
        stock.ShouldAgreeWithLedger();
        (await _storefront.PostJsonAsync($"/api/v1/orders/{order.Get<string>("id")}/cancel", null)).ExpectProblem(HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task Rejects_that_cannot_be_taken_are_refused_with_codes_and_change_nothing()
    {
        var store = await StoreAt(0.01);
        var other = await StoreAt(0.05);
        var sku = await ProductWithStock(10m, (store, 5), (other, 5));
        var delivery = Single((await _storefront.PostJsonAsync("/api/v1/orders", Delivery(null, (sku, 2)))).Expect(HttpStatusCode.Created));
        var pos = factory.Pos(store);

        (await Reject(pos, delivery, "not_found", (sku, 3))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "reject_exceeds_fulfilment");
        (await Reject(pos, delivery, "not_found", ("NOT-IN-IT", 1))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "reject_unknown_sku");
        (await Reject(pos, delivery, "lost")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await pos.PostJsonAsync($"/api/v1/fulfilments/{delivery.Get<string>("id")}/reject", new { })).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed")
            ["errors"]!["reason"].ShouldNotBeNull();
        (await Reject(pos, delivery, "not_found", (sku, 0))).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await Reject(_storefront, delivery, "not_found")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await Reject(factory.Pos(other), delivery, "not_found")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _admin.PostJsonAsync($"/api/v1/fulfilments/{Guid.NewGuid()}/reject", new { reason = "not_found" })).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        var untouched = await _admin.StockAsync(store, sku);
        (untouched.OnHand, untouched.Reserved).ShouldBe((5, 2));
        (await _admin.StockAsync(other, sku)).Reserved.ShouldBe(0);
        (await _admin.GetJsonAsync($"/api/v1/fulfilments/{delivery.Get<string>("id")}")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("allocated");

        // once shipped (or picked, or collected) the goods were found: too late to reject
        (await factory.Logistics().PostJsonAsync($"/api/v1/fulfilments/{delivery.Get<string>("id")}/ship", null)).Expect(HttpStatusCode.OK);
        (await Reject(pos, delivery, "not_found")).ExpectProblem(HttpStatusCode.Conflict, "invalid_transition");
        var pickup = Single((await _storefront.PostJsonAsync("/api/v1/orders", new
        {
            channel = "app", customer = new { phone = "+49 170 5550002" }, lines = new[] { new { sku, quantity = 1 } },
            fulfilment = new { type = "pickup", locationCode = store },
        })).Expect(HttpStatusCode.Created));
        (await pos.PostJsonAsync($"/api/v1/fulfilments/{pickup.Get<string>("id")}/ready", null)).Expect(HttpStatusCode.OK);
        (await Reject(pos, pickup, "store_unable")).ExpectProblem(HttpStatusCode.Conflict, "invalid_transition");
        var after = await _admin.StockAsync(store, sku);
        (after.OnHand, after.Reserved).ShouldBe((3, 1));
        after.ShouldAgreeWithLedger();

        // and a rejected fulfilment cannot be rejected again
        var again = Single((await _storefront.PostJsonAsync("/api/v1/orders", Delivery(null, (sku, 1)))).Expect(HttpStatusCode.Created));
        (await Reject(factory.Logistics(), again, "store_unable")).Expect(HttpStatusCode.OK);
        (await Reject(factory.Logistics(), again, "store_unable")).ExpectProblem(HttpStatusCode.Conflict, "invalid_transition");
    }
}

public sealed class RejectTestsOnSqlite(SqliteApiFactory factory) : RejectTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class RejectTestsOnPostgres(PostgresApiFactory factory) : RejectTests(factory), IClassFixture<PostgresApiFactory>;
