using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
using NodaTime;
using static HybridOrders.Api.Tests.Infrastructure.Api;

namespace HybridOrders.Api.Tests.Analytics;

/// <summary>Store KPIs and the channel additions checked against a scenario worked out by hand. The host has its own
/// database and clock (March 2030), so nothing else falls into the window.</summary>
public abstract class StoreAnalyticsTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();
    private static readonly Instant T0 = Instant.FromUtc(2030, 3, 4, 9, 0); // Monday 10:00 in Berlin

    private async Task<JsonNode> PlaceAsync(string channel, string sku, object fulfilment) =>
        (await factory.Storefront().PostJsonAsync("/api/v1/orders", new
        {
            channel, customer = new { id = Unique("c") }, lines = new[] { new { sku, quantity = 1 } }, fulfilment,
        })).Expect(HttpStatusCode.Created);

    private static object DeliveryTo(double latitude, double longitude) =>
        new { type = "delivery", address = new { line1 = "x", city = "Berlin", postalCode = "10115", country = "DE", latitude, longitude } };

    private static string FulfilmentId(JsonNode order) => order["fulfilments"]![0]!.Get<string>("id");

    private static async Task StepAsync(HttpClient client, JsonNode order, string step) =>
        (await client.PostJsonAsync($"/api/v1/fulfilments/{FulfilmentId(order)}/{step}", null)).Expect(HttpStatusCode.OK);

    private async Task HoldAsync(HttpClient pos, string store, string channel, string sku, string end) =>
        (await pos.PostJsonAsync($"/api/v1/reservations/{(await pos.PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = store, channel, customer = new { phone = "+49 30 5550000" }, lines = new[] { new { sku, quantity = 1 } },
        })).Expect(HttpStatusCode.Created).Get<string>("id")}/{end}", null)).Expect(HttpStatusCode.OK);

    [Fact]
    public async Task Store_kpis_and_channel_shipping_and_hold_figures_match_a_scenario_computed_by_hand()
    {
        factory.Clock!.Reset(T0);
        var store = await _admin.CreateLocationAsync(latitude: 52.52, longitude: 13.40, openingHours: MondayToSaturday);
        var warehouse = await _admin.CreateLocationAsync(kind: "warehouse", latitude: 52.40, longitude: 13.10, pickup: false);
        var sku = await _admin.CreateProductAsync(10m);
        await _admin.ReceiveAsync(store, sku, 20);
        await _admin.ReceiveAsync(warehouse, sku, 20);
        var pos = factory.Pos(store);
        var logistics = factory.Logistics();
        var pickup = new { type = "pickup", locationCode = store };

        var o1 = await PlaceAsync("web", sku, DeliveryTo(52.40, 13.10));   // nearest: the warehouse
        var o2 = await PlaceAsync("app", sku, pickup);
        var o3 = await PlaceAsync("app", sku, pickup);
        var o4 = await PlaceAsync("pos", sku, pickup);
        var o6 = await PlaceAsync("web", sku, DeliveryTo(52.52, 13.40));   // nearest: the store
        o1["fulfilments"]![0]!.Get<string>("originLocationCode").ShouldBe(warehouse);
        o6["fulfilments"]![0]!.Get<string>("originLocationCode").ShouldBe(store);

        factory.Clock.Advance(Duration.FromMinutes(30));
        await StepAsync(pos, o2, "ready");                                  // 30 min: within the 120-minute target
        factory.Clock.Advance(Duration.FromMinutes(120));
        await StepAsync(pos, o3, "ready");                                  // 150 min: late
        await StepAsync(pos, o2, "collect");
        await StepAsync(logistics, o1, "ship");                             // warehouse: placed → shipped 150 min
        factory.Clock.Advance(Duration.FromMinutes(60));
        await StepAsync(logistics, o6, "ship");                             // store: 210 min
        (await factory.Storefront().PostJsonAsync($"/api/v1/orders/{o4.Get<string>("id")}/cancel", null)).Expect(HttpStatusCode.OK);
        await HoldAsync(pos, store, "pos", sku, "fulfil");                  // till sales: 2 holds paid at the store's till
        await HoldAsync(pos, store, "app", sku, "release");
        await HoldAsync(pos, store, "app", sku, "fulfil");
        (await pos.PostJsonAsync("/api/v1/returns", new
        {
            orderId = o2.Get<string>("id"), locationCode = store, reason = "changed mind", lines = new[] { new { sku, quantity = 1, condition = "resellable" } },
        })).Expect(HttpStatusCode.Created);
        factory.Clock.Advance(Duration.FromDays(4));                        // past o3's deadline (Thursday 20:00)
        await factory.SweepExpiredAsync();

        const string window = "from=2030-03-01T00:00:00Z&to=2030-04-01T00:00:00Z";
        var report = (await _admin.GetJsonAsync($"/api/v1/analytics/stores?{window}")).Expect(HttpStatusCode.OK);
        report.Get<int>("readyTargetMinutes").ShouldBe(120);
        JsonNode At(string code) => report["locations"]!.AsArray().Single(l => l!.Get<string>("locationCode") == code)!;
        static object?[] Row(JsonNode l) =>
        [
            l.Get<int>("fulfilments"), l.Get<int>("pickups"), l.Get<int>("collected"), l.Get<int>("expired"), l.Get<int>("rejected"),
            l["medianMinutesPlacedToReady"]?.GetValue<double>(), l["shareReadyWithinTarget"]?.GetValue<double>(),
            l["medianMinutesPlacedToShipped"]?.GetValue<double>(), l.Get<int>("returnsAccepted"), l.Get<int>("tillSales"),
        ];
        // store: origin of o2, o3, o4, o6; pickups o2 (collected), o3 (expired), o4 (cancelled); ready after 30 and 150 minutes
        // (median 90, one of two within 120); shipped o6 after 210; one return; two holds paid at its till.
        Row(At(store)).ShouldBe([4, 3, 1, 1, 0, 90.0, 0.5, 210.0, 1, 2]);
        // warehouse: origin of o1 only, shipped after 150 minutes.
        Row(At(warehouse)).ShouldBe([1, 0, 0, 0, 0, null, null, 150.0, 0, 0]);

        var channels = (await _admin.GetJsonAsync($"/api/v1/analytics/channels?{window}")).Expect(HttpStatusCode.OK);
        JsonNode Channel(string name) => channels["channels"]!.AsArray().Single(c => c!.Get<string>("channel") == name)!;
        static (double?, double?) Extra(JsonNode c) => (c["medianMinutesPlacedToShipped"]?.GetValue<double>(), c["holdConversionRate"]?.GetValue<double>());
        Extra(Channel("web")).ShouldBe((180.0, null));        // shipped after 150 and 210; no web holds
        Extra(Channel("app")).ShouldBe((null, 0.5));          // nothing shipped; one of two app holds fulfilled
        Extra(Channel("pos")).ShouldBe((null, 1.0));
        Extra(Channel("call_centre")).ShouldBe((null, null));
        Extra(channels["total"]!).ShouldBe((180.0, 0.6667));

        (await _admin.GetJsonAsync("/api/v1/analytics/stores?from=2030-04-01T00:00:00Z&to=2030-03-01T00:00:00Z")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await pos.GetJsonAsync("/api/v1/analytics/stores")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }
}

public sealed class StoreAnalyticsTestsOnSqlite(SqliteFakeClockApiFactory factory) : StoreAnalyticsTests(factory), IClassFixture<SqliteFakeClockApiFactory>;

public sealed class StoreAnalyticsTestsOnPostgres(PostgresFakeClockApiFactory factory) : StoreAnalyticsTests(factory), IClassFixture<PostgresFakeClockApiFactory>;
