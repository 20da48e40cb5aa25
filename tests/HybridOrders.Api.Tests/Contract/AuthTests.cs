using System.Net;
using HybridOrders.Api.Tests.Infrastructure;
using static HybridOrders.Api.Tests.Contract.ContractKit;

namespace HybridOrders.Api.Tests.Contract;

/// <summary>
/// api.md, Conventions/Auth: every /api/v1 route needs an X-Api-Key (none or unknown: 401); a known key with the wrong
/// role, or a POS key at another location, is 403; health and Swagger need no key.
/// </summary>
public abstract class AuthTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    /// <summary>Every implemented route, with a body that would be valid were the caller allowed.</summary>
    public static TheoryData<string, string> Routes => new()
    {
        { "POST", "/locations" }, { "GET", "/locations" }, { "GET", "/locations/ANY" },
        { "POST", "/products" }, { "GET", "/products" }, { "GET", "/products/ANY" },
        { "POST", "/stock/receipts" }, { "POST", "/stock/adjustments" },
        { "PUT", "/locations/ANY/stock/ANY/safety-stock" }, { "GET", "/locations/ANY/stock/ANY/movements" },
        { "GET", "/availability/ANY" }, { "GET", "/availability/ANY/nearby?latitude=1&longitude=1" },
        { "POST", "/reservations" }, { "GET", $"/reservations/{Guid.Empty}" },
        { "POST", $"/reservations/{Guid.Empty}/fulfil" }, { "POST", $"/reservations/{Guid.Empty}/release" },
    };

    private static string? BodyFor(string method, string url) => (method, url) switch
    {
        ("POST", "/locations") => Bodies.Location("ANY").ToJsonString(),
        ("POST", "/products") => Bodies.Product("ANY").ToJsonString(),
        ("POST", "/stock/receipts") => Bodies.Receipt("ANY", ("ANY", 1)).ToJsonString(),
        ("POST", "/stock/adjustments") => Bodies.Adjustment("ANY", "ANY", 1).ToJsonString(),
        ("POST", "/reservations") => Bodies.Hold("ANY", "ANY", 1).ToJsonString(),
        ("PUT", _) => """{ "quantity": 1 }""",
        _ => null,
    };

    private Task<Reply> CallAsync(HttpClient client, string method, string url) =>
        client.RawAsync(new HttpMethod(method), V1 + url, BodyFor(method, url));

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_is_401_unauthorized_without_a_key_or_with_an_unknown_key(string method, string url)
    {
        (await CallAsync(factory.Anonymous(), method, url)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await CallAsync(factory.Client("no-such-key-0123456789"), method, url)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
        (await CallAsync(factory.Client(ApiFactory.AdminKey.ToUpperInvariant()), method, url)).ShouldBeProblem(HttpStatusCode.Unauthorized, "unauthorized");
    }

    public static TheoryData<string, string, string> WrongRoles => new()
    {
        // admin only
        { "storefront", "POST", "/locations" }, { "logistics", "POST", "/locations" }, { "pos", "POST", "/locations" },
        { "storefront", "POST", "/products" }, { "logistics", "POST", "/products" }, { "pos", "POST", "/products" },
        { "storefront", "PUT", "/locations/ANY/stock/ANY/safety-stock" }, { "pos", "PUT", "/locations/ANY/stock/ANY/safety-stock" },
        { "logistics", "PUT", "/locations/ANY/stock/ANY/safety-stock" },
        // admin, or pos for its location
        { "storefront", "POST", "/stock/receipts" }, { "logistics", "POST", "/stock/receipts" },
        { "storefront", "POST", "/stock/adjustments" }, { "logistics", "POST", "/stock/adjustments" },
        // holds: not logistics; the till: not storefront, not logistics
        { "logistics", "POST", "/reservations" }, { "logistics", "GET", $"/reservations/{Guid.Empty}" },
        { "logistics", "POST", $"/reservations/{Guid.Empty}/release" },
        { "storefront", "POST", $"/reservations/{Guid.Empty}/fulfil" }, { "logistics", "POST", $"/reservations/{Guid.Empty}/fulfil" },
    };

    [Theory]
    [MemberData(nameof(WrongRoles))]
    public async Task A_known_key_with_the_wrong_role_is_403_forbidden(string role, string method, string url)
    {
        var client = role switch
        {
            "storefront" => factory.Storefront(),
            "logistics" => factory.Logistics(),
            _ => factory.Pos("ANY"),
        };
        (await CallAsync(client, method, url)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_refused_role_changes_nothing()
    {
        var (location, sku) = await _admin.StockedAsync(4);
        var id = await _admin.HoldAsync(location, sku, 1);

        (await factory.Storefront().PostReplyAsync($"{V1}/reservations/{id}/fulfil", null)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await factory.Storefront().PostReplyAsync($"{V1}/locations", Bodies.Location(Unique("SF"))))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await factory.Storefront().PutReplyAsync($"{V1}/locations/{location}/stock/{sku}/safety-stock", new System.Text.Json.Nodes.JsonObject { ["quantity"] = 3 }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await factory.Logistics().PostReplyAsync($"{V1}/reservations", Bodies.Hold(location, sku, 1))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");

        (await _admin.GetReplyAsync($"{V1}/reservations/{id}")).ShouldBe(HttpStatusCode.OK).Get<string>("status").ShouldBe("active");
        var stock = await _admin.StockAsync(location, sku);
        (stock.OnHand, stock.Reserved, stock.Available).ShouldBe((4, 1, 3)); // no sale, no second hold, no safety stock
    }

    [Fact]
    public async Task The_allowed_roles_get_through()
    {
        var (location, sku) = await _admin.StockedAsync(4);

        var id = await factory.Storefront().HoldAsync(location, sku, 1); // storefront may hold (an app or web hold)
        (await factory.Storefront().PostReplyAsync($"{V1}/reservations/{id}/release", null)).ShouldBe(HttpStatusCode.OK);
        foreach (var client in new[] { factory.Storefront(), factory.Logistics(), factory.Pos(location) })
        {
            (await client.GetReplyAsync($"{V1}/availability/{sku}")).ShouldBe(HttpStatusCode.OK);
            (await client.GetReplyAsync($"{V1}/locations/{location}")).ShouldBe(HttpStatusCode.OK);
            (await client.GetReplyAsync($"{V1}/products/{sku}")).ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_pos_key_acts_at_its_own_store_only()
    {
        var home = await _admin.CreateLocationAsync();
        var other = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(home, sku, 5);
        await _admin.ReceiveAsync(other, sku, 5);
        var othersHold = await _admin.HoldAsync(other, sku, 1);
        var pos = factory.Pos(home);

        (await pos.PostReplyAsync($"{V1}/stock/receipts", Bodies.Receipt(other, (sku, 1)))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await pos.PostReplyAsync($"{V1}/stock/adjustments", Bodies.Adjustment(other, sku, 1))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await pos.PostReplyAsync($"{V1}/reservations", Bodies.Hold(other, sku, 1))).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await pos.GetReplyAsync($"{V1}/locations/{other}/stock/{sku}/movements")).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await pos.GetReplyAsync($"{V1}/reservations/{othersHold}")).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await pos.PostReplyAsync($"{V1}/reservations/{othersHold}/fulfil", null)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");
        (await pos.PostReplyAsync($"{V1}/reservations/{othersHold}/release", null)).ShouldBeProblem(HttpStatusCode.Forbidden, "forbidden");

        var untouched = await _admin.StockAsync(other, sku);
        (untouched.OnHand, untouched.Reserved).ShouldBe((5, 1));
        untouched.ShouldAgreeWithLedger();

        (await pos.PostReplyAsync($"{V1}/stock/receipts", Bodies.Receipt(home, (sku, 2)))).ShouldBe(HttpStatusCode.Created);
        (await pos.PostReplyAsync($"{V1}/stock/adjustments", Bodies.Adjustment(home, sku, 6))).ShouldBe(HttpStatusCode.Created);
        var own = await pos.HoldAsync(home, sku, 2);
        (await pos.PostReplyAsync($"{V1}/reservations/{own}/fulfil", null)).ShouldBe(HttpStatusCode.OK);
        var mine = await pos.StockAsync(home, sku);
        (mine.OnHand, mine.Reserved).ShouldBe((4, 0));
        mine.ShouldAgreeWithLedger();
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/swagger")]
    [InlineData("/swagger/index.html")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task Health_and_swagger_need_no_key(string url)
    {
        var reply = await factory.Anonymous().GetReplyAsync(url);
        reply.Status.ShouldBe(HttpStatusCode.OK, reply.Text);
        reply.Text.ShouldNotBeNullOrWhiteSpace();
    }
}

public sealed class AuthTestsOnSqlite(SqliteApiFactory factory) : AuthTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class AuthTestsOnPostgres(PostgresApiFactory factory) : AuthTests(factory), IClassFixture<PostgresApiFactory>;
