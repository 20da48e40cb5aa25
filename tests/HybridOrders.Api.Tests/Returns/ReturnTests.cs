using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
using static HybridOrders.Api.Tests.Infrastructure.Api;

namespace HybridOrders.Api.Tests.Returns;

public abstract class ReturnTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();
    private readonly HttpClient _storefront = factory.Storefront();

    private async Task<string> PromoAsync(string kind, decimal value, int? maxRedemptions = null, decimal? minimumOrderTotal = null,
        string starts = "2020-01-01T00:00:00Z", string ends = "2099-01-01T00:00:00Z")
    {
        var code = Unique("PROMO").ToLowerInvariant();
        (await _admin.PostJsonAsync("/api/v1/promotions", new { code, kind, value, startsAt = starts, endsAt = ends, minimumOrderTotal, maxRedemptions }))
            .Expect(HttpStatusCode.Created);
        return code;
    }

    private static object Order(string channel, object fulfilment, string? promoCode, params (string Sku, int Quantity)[] lines) => new
    {
        channel, customer = new { id = Unique("cust") }, promoCode, fulfilment,
        lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray(),
    };

    private static readonly object Home = new
    {
        type = "delivery", address = new { line1 = "Karl-Marx-Allee 1", city = "Berlin", postalCode = "10178", country = "DE", latitude = 52.52, longitude = 13.42 },
    };

    private async Task<JsonNode> DeliveredOrderAsync(object order)
    {
        var placed = (await _storefront.PostJsonAsync("/api/v1/orders", order)).Expect(HttpStatusCode.Created);
        foreach (var f in placed["fulfilments"]!.AsArray())
        {
            (await factory.Logistics().PostJsonAsync($"/api/v1/fulfilments/{f!.Get<string>("id")}/ship", null)).Expect(HttpStatusCode.OK);
            (await factory.Logistics().PostJsonAsync($"/api/v1/fulfilments/{f!.Get<string>("id")}/deliver", null)).Expect(HttpStatusCode.OK);
        }
        return placed;
    }

    private static object Return(string orderId, string location, params (string Sku, int Quantity, string Condition)[] lines) => new
    {
        orderId, locationCode = location, reason = "changed my mind",
        lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity, condition = l.Condition }).ToArray(),
    };

    [Fact]
    public async Task A_percent_promo_is_spread_to_the_cent_and_two_partial_returns_refund_exactly_what_was_paid()
    {
        var warehouse = await _admin.CreateLocationAsync(kind: "warehouse", pickup: false, longitude: 13.45);
        var returnStore = await _admin.CreateLocationAsync(longitude: 13.30);
        var a = await _admin.CreateProductAsync(19.99m);
        var b = await _admin.CreateProductAsync(5.00m);
        var c = await _admin.CreateProductAsync(0.99m);
        foreach (var sku in new[] { a, b, c }) await _admin.ReceiveAsync(warehouse, sku, 10);
        var promo = await PromoAsync("percent", 15m);

        var order = await DeliveredOrderAsync(Order("web", Home, promo.ToUpperInvariant(), (a, 3), (b, 1), (c, 7)));

        // By hand: subtotal 59.97 + 5.00 + 6.93 = 71.90; 15 % = 10.785 → 10.79. Spread by line totals (largest remainder, in cents):
        // A 899.956 → 900, B 75.035 → 75, C 103.998 → 104 (1079 cents). Line totals 50.97, 4.25, 5.89; total 61.11.
        order.Get<decimal>("subtotal").ShouldBe(71.90m);
        order.Get<decimal>("discount").ShouldBe(10.79m);
        order.Get<decimal>("total").ShouldBe(61.11m);
        order.Get<string>("promoCode").ShouldBe(promo.ToUpperInvariant());
        var lines = order["lines"]!.AsArray().ToDictionary(l => l!.Get<string>("sku"), l => (l!.Get<decimal>("discount"), l!.Get<decimal>("lineTotal")));
        lines[a].ShouldBe((9.00m, 50.97m));
        lines[b].ShouldBe((0.75m, 4.25m));
        lines[c].ShouldBe((1.04m, 5.89m));

        var pos = factory.Pos(returnStore);
        var orderId = order.Get<string>("id");
        // Visit 1: A×1 resellable → 50.97 × 1/3 = 16.99; C×3 damaged → 5.89 × 3/7 = 2.524… → 2.52. Refund 19.51.
        var first = (await pos.PostJsonAsync("/api/v1/returns", Return(orderId, returnStore, (a, 1, "resellable"), (c, 3, "damaged")))).Expect(HttpStatusCode.Created);
        first.Get<decimal>("refundAmount").ShouldBe(19.51m);
        first.Get<string>("currency").ShouldBe("EUR");
        // Visit 2: A×2 → 50.97 − 16.99 = 33.98; C×4 resellable → 5.89 − 2.52 = 3.37. Refund 37.35. A's refunds sum to its 50.97 exactly.
        var second = (await pos.PostJsonAsync("/api/v1/returns", Return(orderId, returnStore, (a, 2, "resellable"), (c, 4, "resellable")))).Expect(HttpStatusCode.Created);
        second.Get<decimal>("refundAmount").ShouldBe(37.35m);
        second["lines"]!.AsArray().Single(l => l!.Get<string>("sku") == a)!.Get<decimal>("refundAmount").ShouldBe(33.98m);

        (await pos.PostJsonAsync("/api/v1/returns", Return(orderId, returnStore, (a, 1, "resellable")))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "return_exceeds_purchase");
        var firstPage = (await pos.GetJsonAsync($"/api/v1/orders/{orderId}/returns?limit=1")).Expect(HttpStatusCode.OK);
        var secondPage = (await pos.GetJsonAsync($"/api/v1/orders/{orderId}/returns?limit=1&cursor={firstPage.Get<string>("nextCursor")}")).Expect(HttpStatusCode.OK);
        secondPage["nextCursor"].ShouldBeNull();
        var all = firstPage["items"]!.AsArray().Concat(secondPage["items"]!.AsArray()).ToList();
        all.Select(r => r!.Get<string>("id")).ShouldBe([first.Get<string>("id"), second.Get<string>("id")]);
        all.Sum(r => r!.Get<decimal>("refundAmount")).ShouldBe(56.86m);
        all.Sum(r => r!.Get<decimal>("refundAmount")).ShouldBeLessThanOrEqualTo(61.11m);
        (await pos.GetJsonAsync($"/api/v1/returns/{first.Get<string>("id")}")).Expect(HttpStatusCode.OK).Get<decimal>("refundAmount").ShouldBe(19.51m);

        // Resellable units are on the RETURNING store's shelf; damaged ones are recorded but not sellable.
        var aAtStore = await _admin.StockAsync(returnStore, a);
        (aAtStore.OnHand, aAtStore.Available).ShouldBe((3, 3));
        aAtStore.ShouldAgreeWithLedger();
        var cAtStore = await _admin.StockAsync(returnStore, c);
        cAtStore.OnHand.ShouldBe(4);
        cAtStore.ShouldAgreeWithLedger();
        var ledger = (await _admin.GetJsonAsync($"/api/v1/locations/{returnStore}/stock/{c}/movements")).Expect(HttpStatusCode.OK)["items"]!.AsArray();
        ledger.Select(m => m!.Get<string>("kind")).ShouldBe(["damaged", "return"]);
        (await _admin.StockAsync(warehouse, a)).OnHand.ShouldBe(7);
    }

    [Fact]
    public async Task Only_collected_or_delivered_units_can_come_back()
    {
        var store = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(10m);
        await _admin.ReceiveAsync(store, sku, 5);
        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Order("app", new { type = "pickup", locationCode = store }, null, (sku, 2))))
            .Expect(HttpStatusCode.Created);
        var pos = factory.Pos(store);

        (await pos.PostJsonAsync("/api/v1/returns", Return(order.Get<string>("id"), store, (sku, 1, "resellable"))))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "return_exceeds_purchase");
        var fulfilment = order["fulfilments"]![0]!.Get<string>("id");
        (await pos.PostJsonAsync($"/api/v1/fulfilments/{fulfilment}/ready", null)).Expect(HttpStatusCode.OK);
        (await pos.PostJsonAsync($"/api/v1/fulfilments/{fulfilment}/collect", null)).Expect(HttpStatusCode.OK);
        (await pos.PostJsonAsync("/api/v1/returns", Return(order.Get<string>("id"), store, (sku, 3, "resellable"))))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "return_exceeds_purchase");
        (await pos.PostJsonAsync("/api/v1/returns", Return(order.Get<string>("id"), store, ("NOT-IN-ORDER", 1, "resellable"))))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "return_exceeds_purchase");
        (await factory.Pos(await _admin.CreateLocationAsync()).PostJsonAsync("/api/v1/returns", Return(order.Get<string>("id"), store, (sku, 1, "resellable"))))
            .ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await pos.PostJsonAsync("/api/v1/returns", Return(Guid.NewGuid().ToString(), store, (sku, 1, "resellable"))))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "unknown_order");
        (await pos.PostJsonAsync("/api/v1/returns", new { orderId = order.Get<string>("id"), locationCode = store, reason = "", lines = new[] { new { sku, quantity = 0, condition = "broken" } } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        var key = Guid.NewGuid().ToString();
        var once = (await pos.PostJsonAsync("/api/v1/returns", Return(order.Get<string>("id"), store, (sku, 2, "resellable")), key)).Expect(HttpStatusCode.Created);
        (await pos.PostJsonAsync("/api/v1/returns", Return(order.Get<string>("id"), store, (sku, 2, "resellable")), key)).Expect(HttpStatusCode.Created)
            .Get<string>("id").ShouldBe(once.Get<string>("id"));
        (await _admin.StockAsync(store, sku)).OnHand.ShouldBe(5); // 5 − 2 collected + 2 back, once

        var customer = (await _storefront.GetJsonAsync($"/api/v1/customers/{order["customer"]!.Get<string>("id")}")).Expect(HttpStatusCode.OK);
        customer["returns"]!.AsArray().Single()!.Get<string>("id").ShouldBe(once.Get<string>("id"));
    }

    [Fact]
    public async Task A_promo_code_applies_alike_in_every_channel_and_refuses_with_a_reason()
    {
        var store = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(40m);
        await _admin.ReceiveAsync(store, sku, 20);
        var amount = await PromoAsync("amount", 5m, minimumOrderTotal: 50m);
        var pickup = new { type = "pickup", locationCode = store };

        foreach (var channel in new[] { "web", "app", "pos", "call_centre" })
            (await _storefront.PostJsonAsync("/api/v1/orders", Order(channel, pickup, amount, (sku, 2)))).Expect(HttpStatusCode.Created)
                .Get<decimal>("total").ShouldBe(75.00m);

        async Task Refused(string code, string reasonCode, string reasonPart, int quantity = 2)
        {
            var problem = (await _storefront.PostJsonAsync("/api/v1/orders", Order("web", pickup, code, (sku, quantity)))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "promo_code_invalid");
            problem.Get<string>("reasonCode").ShouldBe(reasonCode);
            problem.Get<string>("reason").ShouldContain(reasonPart);
        }
        await Refused("NO-SUCH-CODE", "unknown", "unknown");
        await Refused(await PromoAsync("percent", 10m, starts: "2098-01-01T00:00:00Z"), "not_yet_valid", "not valid before");
        await Refused(await PromoAsync("percent", 10m, starts: "2020-01-01T00:00:00Z", ends: "2021-01-01T00:00:00Z"), "expired", "expired");
        var once = await PromoAsync("percent", 10m, maxRedemptions: 1);
        (await _storefront.PostJsonAsync("/api/v1/orders", Order("web", pickup, once, (sku, 1)))).Expect(HttpStatusCode.Created);
        await Refused(once, "exhausted", "limit");
        await Refused(amount, "minimum_not_met", "at least 50.00", quantity: 1);
        (await _storefront.GetJsonAsync($"/api/v1/promotions/{once}")).Expect(HttpStatusCode.OK).Get<int>("redemptions").ShouldBe(1);
        (await _admin.StockAsync(store, sku)).Reserved.ShouldBe(9); // refused orders held nothing
        (await _admin.PostJsonAsync("/api/v1/promotions", new { code = once, kind = "percent", value = 5, startsAt = "2020-01-01T00:00:00Z", endsAt = "2099-01-01T00:00:00Z" }))
            .ExpectProblem(HttpStatusCode.Conflict, "promotion_exists");
        (await _admin.PostJsonAsync("/api/v1/promotions", new { code = Unique("P"), kind = "percent", value = 120, startsAt = "2020-01-01T00:00:00Z", endsAt = "2019-01-01T00:00:00Z" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed")["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["value", "endsAt"], ignoreOrder: true);
        (await _storefront.PostJsonAsync("/api/v1/promotions", new { code = Unique("P") })).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }
}

public sealed class ReturnTestsOnSqlite(SqliteApiFactory factory) : ReturnTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class ReturnTestsOnPostgres(PostgresApiFactory factory) : ReturnTests(factory), IClassFixture<PostgresApiFactory>;
