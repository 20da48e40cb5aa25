using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Contract;
using HybridOrders.Api.Tests.Infrastructure;
using static HybridOrders.Api.Tests.Infrastructure.Api;

namespace HybridOrders.Api.Tests.Orders;

/// <summary>api.md, "Routing decisions at scale": a fulfilment shows the chosen locations and the ten nearest others with
/// <c>candidateCount</c>; <c>GET /fulfilments/{id}/routing</c> returns every candidate.</summary>
public abstract class RoutingDecisionTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();
    private readonly HttpClient _storefront = factory.Storefront();
    private const double CustomerLat = 48.14, CustomerLon = 11.58;

    private static object Delivery(params (string Sku, int Quantity)[] lines) => new
    {
        channel = "web", customer = new { id = Unique("cust") },
        lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray(),
        fulfilment = new { type = "delivery", address = new { line1 = "Marienplatz 1", city = "München", postalCode = "80331", country = "DE", latitude = CustomerLat, longitude = CustomerLon } },
    };

    private static List<(string Code, bool Chosen, bool All, string Reason)> Candidates(JsonNode routing) =>
        routing["candidates"]!.AsArray().Select(c => c!).Select(c => (c.Get<string>("locationCode"), c.Get<bool>("chosen"), c.Get<bool>("canFulfilAll"), c.Get<string>("reason"))).ToList();

    [Fact]
    public async Task A_split_over_a_large_network_shows_the_chosen_and_the_ten_nearest_others_and_its_routing_lists_every_candidate()
    {
        // 16 locations 1 km apart eastwards, one unit of a each, two at the 13th: the nearest that can send both.
        var locations = new List<string>();
        for (var i = 0; i < 16; i++)
            locations.Add(await _admin.CreateLocationAsync(latitude: CustomerLat, longitude: CustomerLon + 0.014 * (i + 1), openingHours: MondayToSaturday));
        var a = await _admin.CreateProductAsync();
        for (var i = 0; i < 16; i++) await _admin.ReceiveAsync(locations[i], a, i == 12 ? 2 : 1);

        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery((a, 2)))).Expect(HttpStatusCode.Created);

        var fulfilment = order["fulfilments"]!.AsArray().Single()!;
        fulfilment.Get<string>("originLocationCode").ShouldBe(locations[12]);
        var routing = fulfilment["routing"]!;
        routing.Get<int>("candidateCount").ShouldBe(16);
        var shown = Candidates(routing);
        var full = (await factory.Logistics().GetJsonAsync($"/api/v1/fulfilments/{fulfilment.Get<string>("id")}/routing")).Expect(HttpStatusCode.OK);
        full.Get<int>("candidateCount").ShouldBe(16);
        full.Get<string>("strategy").ShouldBe(routing.Get<string>("strategy"));
        var every = Candidates(full);
        // shown: every chosen one, and the ten nearest of the others, in the decision's order (nearest first)
        shown.ShouldBe(every.Where(c => c.Chosen || every.Where(o => !o.Chosen).Take(10).Contains(c)).ToList());
        shown.Select(c => c.Code).ShouldBe([.. locations.Take(10), locations[12]]);
        every.Select(c => c.Code).ShouldBe(locations); // nearest first
        // the same through GET /fulfilments/{id}, and the order's own GET
        Candidates((await _admin.GetJsonAsync($"/api/v1/fulfilments/{fulfilment.Get<string>("id")}")).Expect(HttpStatusCode.OK)["routing"]!).ShouldBe(shown);
    }

    [Fact]
    public async Task A_small_decision_is_shown_whole_and_its_routing_is_the_same()
    {
        var near = await _admin.CreateLocationAsync(latitude: CustomerLat, longitude: CustomerLon + 0.01, openingHours: MondayToSaturday);
        var far = await _admin.CreateLocationAsync(latitude: CustomerLat, longitude: CustomerLon + 0.05, openingHours: MondayToSaturday);
        var a = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(near, a, 1);
        await _admin.ReceiveAsync(far, a, 5);

        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery((a, 2)))).Expect(HttpStatusCode.Created);
        var fulfilment = order["fulfilments"]!.AsArray().Single()!;
        fulfilment["routing"]!.Get<int>("candidateCount").ShouldBe(2);
        var full = (await _admin.GetJsonAsync($"/api/v1/fulfilments/{fulfilment.Get<string>("id")}/routing")).Expect(HttpStatusCode.OK);
        Candidates(full).ShouldBe(Candidates(fulfilment["routing"]!));
        Candidates(full).Select(c => c.Code).ShouldBe([near, far]);

        (await _admin.GetJsonAsync($"/api/v1/fulfilments/{Guid.NewGuid()}/routing")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
        var otherStore = await _admin.CreateLocationAsync();
        (await factory.Pos(otherStore).GetJsonAsync($"/api/v1/fulfilments/{fulfilment.Get<string>("id")}/routing")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Routing_counts_what_a_location_can_promise_not_what_it_has()
    {
        // near has 3 on hand, 2 of them safety stock and nothing else held: it can promise 1, so an order of 2 goes to far
        // (the ship-from candidates are a compiled query that spells the availability formula out on its own).
        var near = await _admin.CreateLocationAsync(latitude: CustomerLat, longitude: CustomerLon + 0.01, openingHours: MondayToSaturday);
        var far = await _admin.CreateLocationAsync(latitude: CustomerLat, longitude: CustomerLon + 0.05, openingHours: MondayToSaturday);
        var a = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(near, a, 3);
        await _admin.ReceiveAsync(far, a, 2);
        (await _admin.PutReplyAsync($"/api/v1/locations/{near}/stock/{a}/safety-stock", new JsonObject { ["quantity"] = 2 })).ShouldBe(HttpStatusCode.OK);

        var order = (await _storefront.PostJsonAsync("/api/v1/orders", Delivery((a, 2)))).Expect(HttpStatusCode.Created);
        var fulfilment = order["fulfilments"]!.AsArray().Single()!;
        fulfilment.Get<string>("originLocationCode").ShouldBe(far);
        Candidates(fulfilment["routing"]!).Select(c => (c.Code, c.Chosen, c.All)).ShouldBe([(near, false, false), (far, true, true)]);

        // far is empty now and near still promises only 1: a second order of 2 is refused, not taken from the safety stock
        (await _storefront.PostJsonAsync("/api/v1/orders", Delivery((a, 2)))).ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");
    }
}

public sealed class RoutingDecisionTestsOnSqlite(SqliteApiFactory factory) : RoutingDecisionTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class RoutingDecisionTestsOnPostgres(PostgresApiFactory factory) : RoutingDecisionTests(factory), IClassFixture<PostgresApiFactory>;
