using System.Net;
using HybridOrders.Api.Tests.Infrastructure;
using static HybridOrders.Api.Tests.Infrastructure.Api;

namespace HybridOrders.Api.Tests.Orders;

/// <summary>Every till sale is an order: a carry-out sale (<c>in_store</c>) or a hold paid at the till, priced from the catalogue with the
/// promo code honoured as online, counted in analytics, under the customer, and returnable. And a whole order cancelled gives its
/// promo redemption back.</summary>
public abstract class TillSaleTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    private async Task<string> PromoAsync(string kind, decimal value, int? maxRedemptions = null)
    {
        var code = Unique("TILL");
        (await _admin.PostJsonAsync("/api/v1/promotions", new
        {
            code, kind, value, startsAt = "2020-01-01T00:00:00Z", endsAt = "2099-01-01T00:00:00Z", maxRedemptions,
        })).Expect(HttpStatusCode.Created);
        return code;
    }

    [Fact]
    public async Task A_carry_out_sale_at_the_till_is_a_completed_in_store_order_that_took_the_goods_off_the_shelf()
    {
        var store = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(19.99m);
        await _admin.ReceiveAsync(store, sku, 5);
        var pos = factory.Pos(store);

        var order = (await pos.PostJsonAsync("/api/v1/orders", new
        {
            channel = "pos", customer = new { phone = "+49 30 999" }, lines = new[] { new { sku, quantity = 2 } },
            fulfilment = new { type = "in_store", locationCode = store },
        })).Expect(HttpStatusCode.Created);

        order.Get<string>("status").ShouldBe("completed");
        order.Get<decimal>("total").ShouldBe(39.98m);
        var sale = order["fulfilments"]!.AsArray().Single()!;
        (sale.Get<string>("type"), sale.Get<string>("status"), sale.Get<string>("originLocationCode")).ShouldBe(("in_store", "collected", store));
        sale["collectedAt"].ShouldNotBeNull();
        var line = await _admin.StockAsync(store, sku);
        (line.OnHand, line.Reserved).ShouldBe((3, 0));
        line.ShouldAgreeWithLedger();
        var movements = (await _admin.GetJsonAsync($"/api/v1/locations/{store}/stock/{sku}/movements")).Expect(HttpStatusCode.OK)["items"]!.AsArray();
        movements.Last()!.Get<string>("kind").ShouldBe("sale");
        movements.Last()!.Get<int>("onHandDelta").ShouldBe(-2);

        // Returned like any order, at the store.
        var refund = (await pos.PostJsonAsync("/api/v1/returns", new
        {
            orderId = order.Get<string>("id"), locationCode = store, reason = "changed mind",
            lines = new[] { new { sku, quantity = 1, condition = "resellable" } },
        })).Expect(HttpStatusCode.Created);
        refund.Get<decimal>("refundAmount").ShouldBe(19.99m);
        (await _admin.StockAsync(store, sku)).OnHand.ShouldBe(4);
    }

    [Fact]
    public async Task A_till_sale_beyond_what_the_store_has_is_refused_with_shortages_and_nothing_sold()
    {
        var store = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(5m);
        await _admin.ReceiveAsync(store, sku, 1);
        var pos = factory.Pos(store);

        var refused = (await pos.PostJsonAsync("/api/v1/orders", new
        {
            channel = "pos", customer = new { name = "Walk-in" }, lines = new[] { new { sku, quantity = 2 } },
            fulfilment = new { type = "in_store", locationCode = store },
        })).ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");
        refused["shortages"]![0]!.Get<int>("available").ShouldBe(1);
        refused["alternatives"].ShouldNotBeNull();
        var line = await _admin.StockAsync(store, sku);
        (line.OnHand, line.Movements).ShouldBe((1, 1));

        // Only the store's own till (or an admin) sells there.
        var other = await _admin.CreateLocationAsync();
        (await factory.Pos(other).PostJsonAsync("/api/v1/orders", new
        {
            channel = "pos", customer = new { name = "Walk-in" }, lines = new[] { new { sku, quantity = 1 } },
            fulfilment = new { type = "in_store", locationCode = store },
        })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.Storefront().PostJsonAsync("/api/v1/orders", new
        {
            channel = "web", customer = new { name = "Walk-in" }, lines = new[] { new { sku, quantity = 1 } },
            fulfilment = new { type = "in_store", locationCode = store },
        })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await _admin.StockAsync(store, sku)).OnHand.ShouldBe(1);
    }

    [Fact]
    public async Task A_hold_made_in_the_app_and_paid_at_the_till_with_a_promo_code_is_an_app_order_in_store_that_sums_to_the_cent_and_refunds_the_discounted_price()
    {
        var store = await _admin.CreateLocationAsync();
        var laptop = await _admin.CreateProductAsync(999.99m);
        var mouse = await _admin.CreateProductAsync(24.95m);
        await _admin.ReceiveAsync(store, laptop, 1);
        await _admin.ReceiveAsync(store, mouse, 3);
        var promo = await PromoAsync("percent", 15);
        var pos = factory.Pos(store);
        var email = $"{Unique("anna")}@example.com";

        var hold = (await factory.Storefront().PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = store, channel = "app", customer = new { email, name = "Anna" },
            lines = new object[] { new { sku = laptop, quantity = 1 }, new { sku = mouse, quantity = 3 } }, holdMinutes = 60,
        })).Expect(HttpStatusCode.Created);

        var paid = (await pos.PostJsonAsync($"/api/v1/reservations/{hold.Get<string>("id")}/fulfil", new { promoCode = promo.ToLowerInvariant() }))
            .Expect(HttpStatusCode.OK);
        paid.Get<string>("status").ShouldBe("fulfilled");
        var orderId = paid.Get<string>("orderId");

        var order = (await _admin.GetJsonAsync($"/api/v1/orders/{orderId}")).Expect(HttpStatusCode.OK);
        (order.Get<string>("channel"), order.Get<string>("status"), order.Get<string>("promoCode")).ShouldBe(("app", "completed", promo.ToUpperInvariant()));
        order["fulfilments"]![0]!.Get<string>("type").ShouldBe("in_store");
        // 999.99 + 3 × 24.95 = 1,074.84; 15 % = 161.23 (161.226 rounded), spread over the lines so they sum to it exactly.
        order.Get<decimal>("subtotal").ShouldBe(1074.84m);
        order.Get<decimal>("discount").ShouldBe(161.23m);
        order.Get<decimal>("total").ShouldBe(913.61m);
        var lines = order["lines"]!.AsArray().Select(l => l!).ToList();
        lines.Sum(l => l.Get<decimal>("discount")).ShouldBe(161.23m);
        lines.Sum(l => l.Get<decimal>("lineTotal")).ShouldBe(913.61m);
        var laptopLine = lines.Single(l => l.Get<string>("sku") == laptop);

        var stock = await _admin.StockAsync(store, laptop);
        (stock.OnHand, stock.Reserved).ShouldBe((0, 0));
        stock.ShouldAgreeWithLedger();

        // The customer is the same across channels, and the return refunds what was paid after the discount.
        var customer = (await _admin.GetJsonAsync($"/api/v1/customers/{email}")).Expect(HttpStatusCode.OK);
        customer.ToJsonString().ShouldContain(orderId);
        var returned = (await pos.PostJsonAsync("/api/v1/returns", new
        {
            orderId, locationCode = store, reason = "faulty", lines = new[] { new { sku = laptop, quantity = 1, condition = "damaged" } },
        })).Expect(HttpStatusCode.Created);
        returned.Get<decimal>("refundAmount").ShouldBe(laptopLine.Get<decimal>("lineTotal"));
    }

    [Fact]
    public async Task A_hold_paid_without_a_body_still_records_the_sale_as_an_order_at_catalogue_prices()
    {
        var store = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(12.5m);
        await _admin.ReceiveAsync(store, sku, 3);
        var pos = factory.Pos(store);
        var hold = (await pos.PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = store, channel = "pos", customer = new { phone = "+49 30 12345" }, lines = new[] { new { sku, quantity = 2 } },
        })).Expect(HttpStatusCode.Created);

        var paid = (await pos.PostJsonAsync($"/api/v1/reservations/{hold.Get<string>("id")}/fulfil", null)).Expect(HttpStatusCode.OK);
        var order = (await _admin.GetJsonAsync($"/api/v1/orders/{paid.Get<string>("orderId")}")).Expect(HttpStatusCode.OK);
        (order.Get<string>("channel"), order.Get<decimal>("total")).ShouldBe(("pos", 25m));
        (await pos.PostJsonAsync($"/api/v1/reservations/{hold.Get<string>("id")}/fulfil", null)).ExpectProblem(HttpStatusCode.Conflict, "reservation_not_active");

        // An unknown promo code refuses the payment and leaves the hold as it was: active, its unit still held, no order.
        var second = (await pos.PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = store, channel = "pos", customer = new { phone = "+49 30 12345" }, lines = new[] { new { sku, quantity = 1 } },
        })).Expect(HttpStatusCode.Created);
        (await pos.PostJsonAsync($"/api/v1/reservations/{second.Get<string>("id")}/fulfil", new { promoCode = "NO-SUCH-CODE" }))
            .ExpectProblem(HttpStatusCode.UnprocessableEntity, "promo_code_invalid");
        var still = (await pos.GetJsonAsync($"/api/v1/reservations/{second.Get<string>("id")}")).Expect(HttpStatusCode.OK);
        still.Get<string>("status").ShouldBe("active");
        still["orderId"]?.GetValue<string>().ShouldBeNull();
        var line = await _admin.StockAsync(store, sku);
        (line.OnHand, line.Reserved).ShouldBe((1, 1));
        line.ShouldAgreeWithLedger();
    }

    [Fact]
    public async Task Cancelling_a_whole_order_gives_its_promo_redemption_back_but_a_partly_cancelled_one_keeps_it()
    {
        var near = await _admin.CreateLocationAsync(latitude: 52.52, longitude: 13.41);
        var far = await _admin.CreateLocationAsync(latitude: 52.52, longitude: 13.45);
        var sku = await _admin.CreateProductAsync(10m);
        await _admin.ReceiveAsync(near, sku, 1);
        await _admin.ReceiveAsync(far, sku, 1);
        var promo = await PromoAsync("amount", 2);
        object Order(int quantity) => new
        {
            channel = "web", customer = new { id = Unique("promo") }, promoCode = promo, lines = new[] { new { sku, quantity } },
            fulfilment = new { type = "delivery", address = new { line1 = "Street 1", city = "Berlin", postalCode = "10115", country = "DE", latitude = 52.52, longitude = 13.40 } },
        };
        async Task<int> Redemptions() => (await _admin.GetJsonAsync($"/api/v1/promotions/{promo}")).Expect(HttpStatusCode.OK).Get<int>("redemptions");

        var whole = (await factory.Storefront().PostJsonAsync("/api/v1/orders", Order(1))).Expect(HttpStatusCode.Created);
        (await Redemptions()).ShouldBe(1);
        (await factory.Storefront().PostJsonAsync($"/api/v1/orders/{whole.Get<string>("id")}/cancel", null)).Expect(HttpStatusCode.OK)
            .Get<string>("status").ShouldBe("cancelled");
        (await Redemptions()).ShouldBe(0);

        var split = (await factory.Storefront().PostJsonAsync("/api/v1/orders", Order(2))).Expect(HttpStatusCode.Created);
        var parts = split["fulfilments"]!.AsArray().Select(f => f!.Get<string>("id")).ToList();
        parts.Count.ShouldBe(2);
        (await Redemptions()).ShouldBe(1);
        (await factory.Logistics().PostJsonAsync($"/api/v1/fulfilments/{parts[0]}/ship", null)).Expect(HttpStatusCode.OK);
        (await factory.Storefront().PostJsonAsync($"/api/v1/orders/{split.Get<string>("id")}/cancel", null)).Expect(HttpStatusCode.OK)
            .Get<string>("status").ShouldBe("in_progress");
        (await Redemptions()).ShouldBe(1, "a partly cancelled order keeps its redemption");
    }
}

public sealed class TillSaleTestsOnSqlite(SqliteApiFactory factory) : TillSaleTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class TillSaleTestsOnPostgres(PostgresApiFactory factory) : TillSaleTests(factory), IClassFixture<PostgresApiFactory>;
