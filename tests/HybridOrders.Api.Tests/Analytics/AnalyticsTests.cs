using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
using NodaTime;
using static HybridOrders.Api.Tests.Infrastructure.Api;

namespace HybridOrders.Api.Tests.Analytics;

/// <summary>Channel analytics and journeys checked against a small scenario worked out by hand. The host has its own
/// database and clock, set to January 2030, so no other test's orders fall into the window.</summary>
public abstract class AnalyticsTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();
    private static readonly Instant T0 = Instant.FromUtc(2030, 1, 7, 9, 0); // Monday 10:00 in Berlin

    private async Task<JsonNode> PlaceAsync(string channel, string sku, int quantity, object fulfilment) =>
        (await factory.Storefront().PostJsonAsync("/api/v1/orders", new
        {
            channel, customer = new { id = Unique("c") }, lines = new[] { new { sku, quantity } }, fulfilment,
        })).Expect(HttpStatusCode.Created);

    private async Task StepAsync(HttpClient client, JsonNode order, string step) =>
        (await client.PostJsonAsync($"/api/v1/fulfilments/{order["fulfilments"]![0]!.Get<string>("id")}/{step}", null)).Expect(HttpStatusCode.OK);

    [Fact]
    public async Task Channel_figures_and_journeys_match_a_scenario_computed_by_hand()
    {
        factory.Clock!.Reset(T0);
        var store = await _admin.CreateLocationAsync(openingHours: MondayToSaturday);
        var a = await _admin.CreateProductAsync(10m);
        var b = await _admin.CreateProductAsync(30m);
        await _admin.ReceiveAsync(store, a, 10);
        await _admin.ReceiveAsync(store, b, 10);
        var pos = factory.Pos(store);
        var logistics = factory.Logistics();
        var pickup = new { type = "pickup", locationCode = store };

        var o1 = await PlaceAsync("web", a, 2, new { type = "delivery", address = new { line1 = "x", city = "Berlin", postalCode = "10115", country = "DE", latitude = 52.5, longitude = 13.4 } });
        var o2 = await PlaceAsync("app", b, 1, pickup);
        var o3 = await PlaceAsync("app", b, 1, pickup);
        var o4 = await PlaceAsync("pos", a, 1, pickup);

        factory.Clock.Advance(Duration.FromMinutes(30));
        await StepAsync(pos, o2, "ready");           // 30 minutes to ready
        factory.Clock.Advance(Duration.FromMinutes(60));
        await StepAsync(pos, o3, "ready");           // 90 minutes to ready
        await StepAsync(pos, o2, "collect");
        await StepAsync(logistics, o1, "ship");
        await StepAsync(logistics, o1, "deliver");
        (await pos.PostJsonAsync("/api/v1/returns", new
        {
            orderId = o1.Get<string>("id"), locationCode = store, reason = "too many", lines = new[] { new { sku = a, quantity = 1, condition = "resellable" } },
        })).Expect(HttpStatusCode.Created).Get<decimal>("refundAmount").ShouldBe(10m);
        (await factory.Storefront().PostJsonAsync($"/api/v1/orders/{o4.Get<string>("id")}/cancel", null)).Expect(HttpStatusCode.OK);
        factory.Clock.Advance(Duration.FromDays(4));  // past o3's deadline (Thursday 20:00)
        await factory.SweepExpiredAsync();
        (await _admin.GetJsonAsync($"/api/v1/orders/{o3.Get<string>("id")}")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("expired");

        var report = (await _admin.GetJsonAsync("/api/v1/analytics/channels?from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:00Z")).Expect(HttpStatusCode.OK);

        JsonNode Channel(string name) => report["channels"]!.AsArray().Single(c => c!.Get<string>("channel") == name)!;
        static (int, decimal, decimal, double?, double?, double?, double?) Row(JsonNode c) => (c.Get<int>("orders"), c.Get<decimal>("revenue"),
            c.Get<decimal>("averageOrderValue"), c["pickupShare"]?.GetValue<double>(), c["pickupCollectionRate"]?.GetValue<double>(),
            c["medianMinutesToReady"]?.GetValue<double>(), c["returnRate"]?.GetValue<double>());

        // web: one delivery of 20.00, 10.00 refunded; 1 of 2 units returned.
        Row(Channel("web")).ShouldBe((1, 10.00m, 20.00m, 0.0, null, null, 0.5));
        // app: two pickups; the expired one earns nothing; 1 of 2 ready was collected; ready after 30 and 90 minutes.
        Row(Channel("app")).ShouldBe((2, 30.00m, 30.00m, 1.0, 0.5, 60.0, 0.0));
        // pos: one pickup, cancelled before it was ready.
        Row(Channel("pos")).ShouldBe((1, 0.00m, 0.00m, 1.0, null, null, null));
        Row(Channel("call_centre")).ShouldBe((0, 0.00m, 0.00m, null, null, null, null));
        // all: 4 orders, 40.00 revenue, (20 + 30) / 2 paid orders, 3 of 4 pickups, 1 of 2 ready collected, 1 of 3 sold units returned.
        Row(report["total"]!).ShouldBe((4, 40.00m, 25.00m, 0.75, 0.5, 60.0, 0.3333));
        report.Get<string>("currency").ShouldBe("EUR");

        var journeys = (await _admin.GetJsonAsync("/api/v1/analytics/journeys?from=2030-01-01T00:00:00Z&to=2030-02-01T00:00:00Z")).Expect(HttpStatusCode.OK);
        journeys.Get<int>("orders").ShouldBe(4);
        journeys["paths"]!.AsArray().Select(p => (p!.Get<string>("placedIn"), p!.Get<string>("fulfilledBy"), p!.Get<bool>("returnedInStore"), p!.Get<int>("orders")))
            .ShouldBe([("app", "pickup", false, 2), ("pos", "pickup", false, 1), ("web", "delivery", true, 1)]);

        (await _admin.GetJsonAsync("/api/v1/analytics/channels?from=2030-02-01T00:00:00Z&to=2030-01-01T00:00:00Z")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _admin.GetJsonAsync("/api/v1/analytics/channels?from=yesterday")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await factory.Storefront().GetJsonAsync("/api/v1/analytics/channels")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Goods_come_back_within_thirty_days_of_delivery_and_not_after()
    {
        factory.Clock!.Reset(T0 + Duration.FromDays(60));
        var store = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(10m);
        await _admin.ReceiveAsync(store, sku, 5);
        var order = await PlaceAsync("web", sku, 3, new { type = "delivery", address = new { line1 = "x", city = "Berlin", postalCode = "10115", country = "DE", latitude = 52.5, longitude = 13.4 } });
        await StepAsync(factory.Logistics(), order, "ship");
        await StepAsync(factory.Logistics(), order, "deliver");
        var pos = factory.Pos(store);
        object Return(int quantity) => new
        {
            orderId = order.Get<string>("id"), locationCode = store, reason = "late", lines = new[] { new { sku, quantity, condition = "resellable" } },
        };

        factory.Clock.Advance(Duration.FromDays(30));
        (await pos.PostJsonAsync("/api/v1/returns", Return(1))).Expect(HttpStatusCode.Created);
        factory.Clock.Advance(Duration.FromMinutes(1));
        (await pos.PostJsonAsync("/api/v1/returns", Return(1))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "return_window_closed");
        (await pos.PostJsonAsync("/api/v1/returns", Return(5))).ExpectProblem(HttpStatusCode.UnprocessableEntity, "return_exceeds_purchase");
    }
}

public sealed class AnalyticsTestsOnSqlite(SqliteFakeClockApiFactory factory) : AnalyticsTests(factory), IClassFixture<SqliteFakeClockApiFactory>;

public sealed class AnalyticsTestsOnPostgres(PostgresFakeClockApiFactory factory) : AnalyticsTests(factory), IClassFixture<PostgresFakeClockApiFactory>;
