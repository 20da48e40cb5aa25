using System.Net;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Locations;

public abstract class ActiveLocationTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    [Fact]
    public async Task An_inactive_location_promises_nothing_until_it_is_active_again()
    {
        var open = await _admin.CreateLocationAsync();
        var closed = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(open, sku, 2);
        await _admin.ReceiveAsync(closed, sku, 5);

        (await _admin.PostJsonAsync($"/api/v1/locations/{closed}/deactivate", null)).Expect(HttpStatusCode.OK)["active"]!.GetValue<bool>().ShouldBeFalse();

        var availability = (await factory.Storefront().GetJsonAsync($"/api/v1/availability/{sku}")).Expect(HttpStatusCode.OK);
        availability.Get<int>("available").ShouldBe(2);
        availability["locations"]!.AsArray().Select(l => l!.Get<string>("locationCode")).ShouldBe([open]);
        (await factory.Pos(closed).PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = closed, channel = "pos", customer = new { name = "Dora" }, lines = new[] { new { sku, quantity = 1 } },
        })).ExpectProblem(HttpStatusCode.UnprocessableEntity, "location_inactive");

        (await _admin.PostJsonAsync($"/api/v1/locations/{closed}/activate", null)).Expect(HttpStatusCode.OK)["active"]!.GetValue<bool>().ShouldBeTrue();
        (await factory.Storefront().GetJsonAsync($"/api/v1/availability/{sku}")).Expect(HttpStatusCode.OK).Get<int>("available").ShouldBe(7);
    }

    [Fact]
    public async Task Only_admin_changes_whether_a_location_is_active()
    {
        var location = await _admin.CreateLocationAsync();
        (await factory.Storefront().PostJsonAsync($"/api/v1/locations/{location}/deactivate", null)).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await factory.Pos(location).PostJsonAsync($"/api/v1/locations/{location}/deactivate", null)).ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
        (await _admin.PostJsonAsync("/api/v1/locations/NO-SUCH-PLACE/deactivate", null)).ExpectProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_store_lists_its_own_stock_page_by_page()
    {
        var location = await _admin.CreateLocationAsync();
        var skus = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var sku = await _admin.CreateProductAsync();
            await _admin.ReceiveAsync(location, sku, i + 1);
            skus.Add(sku);
        }
        var pos = factory.Pos(location);

        var first = (await pos.GetJsonAsync($"/api/v1/locations/{location}/stock?limit=2")).Expect(HttpStatusCode.OK);
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = (await pos.GetJsonAsync($"/api/v1/locations/{location}/stock?limit=2&cursor={cursor}")).Expect(HttpStatusCode.OK);

        first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(s => s!.Get<string>("sku"))
            .ShouldBe(skus.Order(StringComparer.Ordinal));
        second["nextCursor"].ShouldBeNull();
        (await factory.Pos(await _admin.CreateLocationAsync()).GetJsonAsync($"/api/v1/locations/{location}/stock"))
            .ExpectProblem(HttpStatusCode.Forbidden, "forbidden");
    }
}

public sealed class ActiveLocationTestsOnSqlite(SqliteApiFactory factory) : ActiveLocationTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class ActiveLocationTestsOnPostgres(PostgresApiFactory factory) : ActiveLocationTests(factory), IClassFixture<PostgresApiFactory>;
