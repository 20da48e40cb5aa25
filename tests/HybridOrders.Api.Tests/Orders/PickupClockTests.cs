using System.Net;
using HybridOrders.Api.Tests.Infrastructure;
using NodaTime;
using static HybridOrders.Api.Tests.Infrastructure.Api;

namespace HybridOrders.Api.Tests.Orders;

/// <summary>Pickup deadlines and their expiry, with a fake clock (each provider's host has its own clock and database).</summary>
public abstract class PickupClockTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    private async Task<(string Store, string Sku, string FulfilmentId, string OrderId)> ReadyPickupAsync(int quantity, string? promoCode = null)
    {
        var store = await _admin.CreateLocationAsync(openingHours: MondayToSaturday);
        var sku = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(store, sku, quantity);
        var order = (await factory.Storefront().PostJsonAsync("/api/v1/orders", new
        {
            channel = "web", customer = new { email = "lena@example.com" }, lines = new[] { new { sku, quantity } }, promoCode,
            fulfilment = new { type = "pickup", locationCode = store },
        })).Expect(HttpStatusCode.Created);
        var fulfilmentId = order["fulfilments"]![0]!.Get<string>("id");
        return (store, sku, fulfilmentId, order.Get<string>("id"));
    }

    [Fact]
    public async Task The_deadline_is_store_closing_time_three_days_on_across_a_dst_change_and_a_closed_sunday()
    {
        // Thursday 22 October 2026, 14:00 in Berlin (CEST, UTC+2). Three days on is Sunday 25 October: the store is closed
        // and the clocks go back that night. The customer has until Monday 26 October 20:00 CET (UTC+1) = 19:00 UTC.
        factory.Clock!.Reset(Instant.FromUtc(2026, 10, 22, 12, 0));
        var (store, _, fulfilmentId, _) = await ReadyPickupAsync(1);

        var ready = (await factory.Pos(store).PostJsonAsync($"/api/v1/fulfilments/{fulfilmentId}/ready", null)).Expect(HttpStatusCode.OK);

        ready.Get<string>("readyAt").ShouldBe("2026-10-22T12:00:00Z");
        ready.Get<string>("pickupDeadline").ShouldBe("2026-10-26T19:00:00Z");
        ready["pickupDeadlineLocal"]!.Get<string>("localDateTime").ShouldBe("2026-10-26T20:00");
        ready["pickupDeadlineLocal"]!.Get<string>("timeZone").ShouldBe("Europe/Berlin");
    }

    [Fact]
    public async Task A_pickup_not_collected_by_its_deadline_expires_within_ten_seconds_and_its_stock_and_promo_redemption_come_back()
    {
        factory.Clock!.Reset(Instant.FromUtc(2026, 11, 23, 10, 0)); // Monday, 11:00 in Berlin
        var promo = Unique("EXP");
        (await _admin.PostJsonAsync("/api/v1/promotions", new { code = promo, kind = "percent", value = 10, startsAt = "2020-01-01T00:00:00Z", endsAt = "2099-01-01T00:00:00Z" }))
            .Expect(HttpStatusCode.Created);
        async Task<int> Redemptions() => (await _admin.GetJsonAsync($"/api/v1/promotions/{promo}")).Expect(HttpStatusCode.OK).Get<int>("redemptions");
        var (store, sku, fulfilmentId, orderId) = await ReadyPickupAsync(2, promo);
        (await Redemptions()).ShouldBe(1);
        var pos = factory.Pos(store);
        var deadline = (await pos.PostJsonAsync($"/api/v1/fulfilments/{fulfilmentId}/ready", null)).Expect(HttpStatusCode.OK).Get<string>("pickupDeadline");
        deadline.ShouldBe("2026-11-26T19:00:00Z"); // Thursday 20:00 CET

        factory.Clock.Reset(Instant.FromUtc(2026, 11, 26, 18, 59));
        await Task.Delay(1500); // a sweep runs: not due yet
        (await pos.GetJsonAsync($"/api/v1/fulfilments/{fulfilmentId}")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("ready_for_pickup");

        factory.Clock.Reset(Instant.FromUtc(2026, 11, 26, 19, 0));
        var status = "";
        for (var waited = 0; waited < 10_000 && status != "expired"; waited += 250)
        {
            await Task.Delay(250);
            status = (await pos.GetJsonAsync($"/api/v1/fulfilments/{fulfilmentId}")).Expect(HttpStatusCode.OK).Get<string>("status");
        }
        status.ShouldBe("expired");
        (await pos.GetJsonAsync($"/api/v1/orders/{orderId}")).Expect(HttpStatusCode.OK).Get<string>("status").ShouldBe("expired");
        var stock = await _admin.StockAsync(store, sku);
        (stock.OnHand, stock.Reserved, stock.Available).ShouldBe((2, 0, 2));
        stock.ShouldAgreeWithLedger();
        (await Redemptions()).ShouldBe(0);
        (await pos.PostJsonAsync($"/api/v1/fulfilments/{fulfilmentId}/collect", null)).ExpectProblem(HttpStatusCode.Conflict, "invalid_transition");
    }
}

public sealed class PickupClockTestsOnSqlite(SqliteFakeClockApiFactory factory) : PickupClockTests(factory), IClassFixture<SqliteFakeClockApiFactory>;

public sealed class PickupClockTestsOnPostgres(PostgresFakeClockApiFactory factory) : PickupClockTests(factory), IClassFixture<PostgresFakeClockApiFactory>;
