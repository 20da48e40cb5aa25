using System.Net;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Reservations;

public abstract class ReservationTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    private async Task<(string Location, string Sku, HttpClient Pos)> StoreWithStockAsync(int quantity)
    {
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync(unitPrice: 999.99m);
        await _admin.ReceiveAsync(location, sku, quantity);
        return (location, sku, factory.Pos(location));
    }

    private static object Hold(string location, string sku, int quantity, int? holdMinutes = null) => new
    {
        locationCode = location, channel = "pos", customer = new { name = "Anna Schmidt", phone = "+49 30 1234567" },
        lines = new[] { new { sku, quantity } }, holdMinutes,
    };

    [Fact]
    public async Task Hold_reserves_stock_and_shows_in_availability()
    {
        var (location, sku, pos) = await StoreWithStockAsync(5);

        var hold = (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 2, holdMinutes: 30))).Expect(HttpStatusCode.Created);

        hold.Get<string>("status").ShouldBe("active");
        hold.Get<string>("locationCode").ShouldBe(location);
        hold["lines"]![0]!.Get<int>("quantity").ShouldBe(2);
        var created = NodaTime.Text.InstantPattern.ExtendedIso.Parse(hold.Get<string>("createdAt")).Value;
        var expires = NodaTime.Text.InstantPattern.ExtendedIso.Parse(hold.Get<string>("expiresAt")).Value;
        (expires - created).ShouldBe(NodaTime.Duration.FromMinutes(30));

        var availability = (await factory.Storefront().GetJsonAsync($"/api/v1/availability/{sku}")).Expect(HttpStatusCode.OK);
        availability.Get<int>("available").ShouldBe(3);
        var line = availability["locations"]!.AsArray().Single(l => l!.Get<string>("locationCode") == location)!;
        line.Get<int>("onHand").ShouldBe(5);
        line.Get<int>("reserved").ShouldBe(2);
        (await _admin.StockAsync(location, sku)).ShouldAgreeWithLedger();
    }

    [Fact]
    public async Task Hold_is_refused_when_available_is_below_requested_and_nothing_is_held()
    {
        var (location, sku, pos) = await StoreWithStockAsync(3);
        var other = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(location, other, 10);

        var problem = (await pos.PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = location, channel = "pos", customer = new { name = "Ben" },
            lines = new[] { new { sku = other, quantity = 1 }, new { sku, quantity = 4 } },
        })).ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");

        var shortage = problem["shortages"]!.AsArray().Single()!;
        shortage.Get<string>("sku").ShouldBe(sku);
        shortage.Get<int>("requested").ShouldBe(4);
        shortage.Get<int>("available").ShouldBe(3);
        (await _admin.StockAsync(location, other)).Reserved.ShouldBe(0); // the line that fitted was not held either
        (await _admin.StockAsync(location, sku)).Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task Safety_stock_is_not_promised()
    {
        var (location, sku, pos) = await StoreWithStockAsync(5);
        (await _admin.SendAsync(HttpMethod.Put, $"/api/v1/locations/{location}/stock/{sku}/safety-stock", new { quantity = 2 }))
            .Expect(HttpStatusCode.OK).Get<int>("available").ShouldBe(3);

        (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 4))).ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");
        (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 3))).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Fulfil_sells_the_held_units()
    {
        var (location, sku, pos) = await StoreWithStockAsync(5);
        var id = (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 2))).Expect(HttpStatusCode.Created).Get<string>("id");

        (await pos.PostJsonAsync($"/api/v1/reservations/{id}/fulfil", null)).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("fulfilled");

        var stock = await _admin.StockAsync(location, sku);
        stock.OnHand.ShouldBe(3);
        stock.Reserved.ShouldBe(0);
        stock.ShouldAgreeWithLedger();
        (await pos.PostJsonAsync($"/api/v1/reservations/{id}/release", null)).ExpectProblem(HttpStatusCode.Conflict, "reservation_not_active");
        (await pos.PostJsonAsync($"/api/v1/reservations/{id}/fulfil", null)).ExpectProblem(HttpStatusCode.Conflict, "reservation_not_active");
    }

    [Fact]
    public async Task Release_makes_the_stock_available_again()
    {
        var (location, sku, pos) = await StoreWithStockAsync(2);
        var id = (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 2))).Expect(HttpStatusCode.Created).Get<string>("id");

        (await pos.PostJsonAsync($"/api/v1/reservations/{id}/release", null)).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("released");

        var stock = await _admin.StockAsync(location, sku);
        (stock.OnHand, stock.Reserved, stock.Available).ShouldBe((2, 0, 2));
        stock.ShouldAgreeWithLedger();
        (await factory.Storefront().GetJsonAsync($"/api/v1/reservations/{id}")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("released");
    }

    [Fact]
    public async Task Pos_key_cannot_act_at_another_store()
    {
        var (location, sku, pos) = await StoreWithStockAsync(2);
        var elsewhere = factory.Pos(await _admin.CreateLocationAsync());

        (await elsewhere.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 1))).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        var id = (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 1))).Expect(HttpStatusCode.Created).Get<string>("id");
        (await elsewhere.PostJsonAsync($"/api/v1/reservations/{id}/fulfil", null)).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await elsewhere.GetJsonAsync($"/api/v1/reservations/{id}")).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _admin.StockAsync(location, sku)).Reserved.ShouldBe(1);
    }

    [Fact]
    public async Task Same_idempotency_key_and_body_returns_the_original_hold_once()
    {
        var (location, sku, pos) = await StoreWithStockAsync(5);
        var key = Guid.NewGuid().ToString();

        var first = (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 2), key)).Expect(HttpStatusCode.Created);
        var again = (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 2), key)).Expect(HttpStatusCode.Created);

        again.ToJsonString().ShouldBe(first.ToJsonString());
        (await _admin.StockAsync(location, sku)).Reserved.ShouldBe(2);
        (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 3), key)).ExpectProblem(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        (await _admin.StockAsync(location, sku)).Reserved.ShouldBe(2);
    }

    [Fact]
    public async Task A_refused_hold_is_replayed_under_its_key_even_when_stock_arrives_later()
    {
        var (location, sku, pos) = await StoreWithStockAsync(1);
        var key = Guid.NewGuid().ToString();
        (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 2), key)).ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");
        await _admin.ReceiveAsync(location, sku, 5);

        (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 2), key)).ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");
        (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 2), Guid.NewGuid().ToString())).Expect(HttpStatusCode.Created);
    }
}

public sealed class ReservationTestsOnSqlite(SqliteApiFactory factory) : ReservationTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class ReservationTestsOnPostgres(PostgresApiFactory factory) : ReservationTests(factory), IClassFixture<PostgresApiFactory>;
