using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
using static HybridOrders.Api.Tests.Contract.ContractKit;

namespace HybridOrders.Api.Tests.Contract;

/// <summary>
/// Every business refusal api.md names, with its status and <c>code</c>, and that a refused request leaves nothing
/// half-written (stock figures unchanged, the ledger still agreeing with them).
/// </summary>
public abstract class BusinessRuleTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    [Fact]
    public async Task A_duplicate_location_code_is_409_location_exists_and_the_first_is_kept()
    {
        var code = await _admin.CreateLocationAsync();

        (await _admin.PostReplyAsync($"{V1}/locations", Bodies.Location(code).With("name", "\"Impostor\"")))
            .ShouldBeProblem(HttpStatusCode.Conflict, "location_exists");

        (await _admin.GetReplyAsync($"{V1}/locations/{code}")).ShouldBe(HttpStatusCode.OK).Get<string>("name").ShouldBe($"Test {code}");
    }

    [Fact]
    public async Task A_duplicate_sku_is_409_product_exists_and_the_price_is_kept()
    {
        var sku = await _admin.CreateProductAsync(unitPrice: 12.50m);

        (await _admin.PostReplyAsync($"{V1}/products", Bodies.Product(sku, 1m))).ShouldBeProblem(HttpStatusCode.Conflict, "product_exists");

        (await _admin.GetReplyAsync($"{V1}/products/{sku}")).ShouldBe(HttpStatusCode.OK).Get<decimal>("unitPrice").ShouldBe(12.50m);
    }

    [Fact]
    public async Task Codes_and_skus_are_case_sensitive()
    {
        var code = Unique("Case");
        var sku = Unique("Sku");
        await _admin.CreateLocationAsync(code);
        await _admin.CreateProductAsync(sku: sku);

        (await _admin.GetReplyAsync($"{V1}/locations/{code.ToLowerInvariant()}")).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        (await _admin.GetReplyAsync($"{V1}/products/{sku.ToUpperInvariant()}")).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
        await _admin.CreateLocationAsync(code.ToLowerInvariant());
        await _admin.CreateProductAsync(sku: sku.ToUpperInvariant());
    }

    [Fact]
    public async Task Stock_requests_naming_an_unknown_location_are_422_unknown_location()
    {
        var sku = await _admin.CreateProductAsync();
        var nowhere = Unique("NOWHERE");

        foreach (var (url, body) in new[]
                 {
                     ("/stock/receipts", Bodies.Receipt(nowhere, (sku, 1))),
                     ("/stock/adjustments", Bodies.Adjustment(nowhere, sku, 1)),
                     ("/reservations", Bodies.Hold(nowhere, sku, 1)),
                 })
        {
            var problem = (await _admin.PostReplyAsync(V1 + url, body)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "unknown_location");
            problem["unknown"]!.AsArray().Select(u => u!.GetValue<string>()).ShouldBe([nowhere]);
        }
        (await _admin.GetReplyAsync($"{V1}/locations/{nowhere}")).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_receipt_with_unknown_skus_is_422_listing_them_and_receives_nothing()
    {
        var location = await _admin.CreateLocationAsync();
        var known = await _admin.CreateProductAsync();
        var fresh = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(location, known, 5);
        string[] unknown = [Unique("GHOST"), Unique("GHOST")];

        var problem = (await _admin.PostReplyAsync($"{V1}/stock/receipts",
                Bodies.Receipt(location, (known, 3), (unknown[0], 1), (fresh, 2), (unknown[1], 2))))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "unknown_sku");

        problem["unknown"]!.AsArray().Select(u => u!.GetValue<string>()).ShouldBe(unknown, ignoreOrder: true);
        var stock = await _admin.StockAsync(location, known);
        (stock.OnHand, stock.Movements).ShouldBe((5, 1));
        stock.ShouldAgreeWithLedger();
        var untouched = await _admin.StockAsync(location, fresh);
        (untouched.OnHand, untouched.Movements).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Adjustments_and_holds_naming_an_unknown_sku_are_422_and_change_nothing()
    {
        var location = await _admin.CreateLocationAsync();
        var known = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(location, known, 5);
        var ghost = Unique("GHOST");

        (await _admin.PostReplyAsync($"{V1}/stock/adjustments", Bodies.Adjustment(location, ghost, 3)))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "unknown_sku")["unknown"]![0]!.GetValue<string>().ShouldBe(ghost);
        (await _admin.PostReplyAsync($"{V1}/reservations", Bodies.Hold(location, (known, 1), (ghost, 1))))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "unknown_sku")["unknown"]![0]!.GetValue<string>().ShouldBe(ghost);

        var stock = await _admin.StockAsync(location, known);
        (stock.OnHand, stock.Reserved, stock.Movements).ShouldBe((5, 0, 1));
    }

    [Fact]
    public async Task A_count_below_what_is_reserved_is_409_count_below_reserved_and_changes_nothing()
    {
        var (location, sku) = await _admin.StockedAsync(10);
        await _admin.HoldAsync(location, sku, 4);

        (await _admin.PostReplyAsync($"{V1}/stock/adjustments", Bodies.Adjustment(location, sku, 3)))
            .ShouldBeProblem(HttpStatusCode.Conflict, "count_below_reserved");

        var stock = await _admin.StockAsync(location, sku);
        (stock.OnHand, stock.Reserved, stock.Movements).ShouldBe((10, 4, 2)); // receipt, reserve: no adjustment row
        stock.ShouldAgreeWithLedger();
        (await _admin.PostReplyAsync($"{V1}/stock/adjustments", Bodies.Adjustment(location, sku, 4))).ShouldBe(HttpStatusCode.Created)
            .Get<int>("onHand").ShouldBe(4); // exactly what is reserved is a valid count
    }

    [Fact]
    public async Task A_hold_short_on_any_line_is_409_insufficient_stock_with_every_shortage_and_holds_nothing()
    {
        var location = await _admin.CreateLocationAsync();
        var plenty = await _admin.CreateProductAsync();
        var scarce = await _admin.CreateProductAsync();
        var never = await _admin.CreateProductAsync(); // in the catalogue, never stocked here
        await _admin.ReceiveAsync(location, plenty, 5);
        await _admin.ReceiveAsync(location, scarce, 1);

        var problem = (await _admin.PostReplyAsync($"{V1}/reservations", Bodies.Hold(location, (plenty, 2), (scarce, 3), (never, 1))))
            .ShouldBeProblem(HttpStatusCode.Conflict, "insufficient_stock");

        var shortages = problem["shortages"]!.AsArray()
            .Select(s => (s!.Get<string>("sku"), s!.Get<int>("requested"), s!.Get<int>("available"))).ToList();
        shortages.ShouldBe([(scarce, 3, 1), (never, 1, 0)], ignoreOrder: true);
        foreach (var sku in new[] { plenty, scarce })
        {
            var stock = await _admin.StockAsync(location, sku);
            stock.Reserved.ShouldBe(0);
            stock.ShouldAgreeWithLedger();
        }
    }

    [Fact]
    public async Task Fulfil_or_release_of_a_reservation_that_is_not_active_is_409_reservation_not_active()
    {
        var (location, sku) = await _admin.StockedAsync(3);
        var released = await _admin.HoldAsync(location, sku, 2);
        var fulfilled = await _admin.HoldAsync(location, sku, 1);
        (await _admin.PostReplyAsync($"{V1}/reservations/{released}/release", null)).ShouldBe(HttpStatusCode.OK);
        (await _admin.PostReplyAsync($"{V1}/reservations/{fulfilled}/fulfil", null)).ShouldBe(HttpStatusCode.OK);

        foreach (var id in new[] { released, fulfilled })
        foreach (var step in new[] { "release", "fulfil" })
            (await _admin.PostReplyAsync($"{V1}/reservations/{id}/{step}", null)).ShouldBeProblem(HttpStatusCode.Conflict, "reservation_not_active");

        var stock = await _admin.StockAsync(location, sku);
        (stock.OnHand, stock.Reserved).ShouldBe((2, 0));
        stock.ShouldAgreeWithLedger();
        (await _admin.GetReplyAsync($"{V1}/reservations/{released}")).ShouldBe(HttpStatusCode.OK).Get<string>("status").ShouldBe("released");
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_with_another_body_is_422_idempotency_key_reused_and_holds_nothing_more()
    {
        var (location, sku) = await _admin.StockedAsync(5);
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        (await _admin.PostReplyAsync($"{V1}/reservations", Bodies.Hold(location, sku, 1), key)).ShouldBe(HttpStatusCode.Created);

        (await _admin.PostReplyAsync($"{V1}/reservations", Bodies.Hold(location, sku, 2), key))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");

        (await _admin.StockAsync(location, sku)).Reserved.ShouldBe(1);
    }

    public static TheoryData<string, string> UnknownResources => new()
    {
        { "GET", "/locations/{ghost}" },
        { "GET", "/products/{ghost}" },
        { "GET", "/reservations/{guid}" },
        { "GET", "/reservations/not-a-guid" },
        { "POST", "/reservations/{guid}/fulfil" },
        { "POST", "/reservations/{guid}/release" },
        { "GET", "/availability/{ghost}" },
        { "GET", "/availability/{ghost}/nearby?latitude=52.5&longitude=13.4" },
        { "GET", "/locations/{ghost}/stock/{sku}/movements" },
        { "GET", "/locations/{location}/stock/{ghost}/movements" },
        { "PUT", "/locations/{ghost}/stock/{sku}/safety-stock" },
        { "PUT", "/locations/{location}/stock/{ghost}/safety-stock" },
        { "GET", "/no-such-route" },
    };

    [Theory]
    [MemberData(nameof(UnknownResources))]
    public async Task An_unknown_resource_is_404_not_found(string method, string template)
    {
        var url = V1 + template.Replace("{ghost}", Unique("GHOST")).Replace("{guid}", Guid.NewGuid().ToString())
            .Replace("{location}", await _admin.CreateLocationAsync()).Replace("{sku}", await _admin.CreateProductAsync());
        var body = method == "PUT" ? """{ "quantity": 1 }""" : null;

        (await _admin.RawAsync(new HttpMethod(method), url, body)).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    /// <summary>Each receipt adds 200 × 1,000,000 = 200 million units; on-hand must never overflow into a 500.</summary>
    [Fact]
    public async Task A_receipt_that_would_overflow_on_hand_is_refused_with_a_problem_and_changes_nothing()
    {
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync();
        var body = Bodies.Receipt(location, Enumerable.Repeat((sku, 1_000_000), 200).ToArray());
        for (var i = 0; i < 10; i++) (await _admin.PostReplyAsync($"{V1}/stock/receipts", body)).ShouldBe(HttpStatusCode.Created);

        var refused = await _admin.PostReplyAsync($"{V1}/stock/receipts", body); // 2.2 billion > int.MaxValue

        var stock = await _admin.StockAsync(location, sku);
        stock.OnHand.ShouldBe(2_000_000_000);
        stock.ShouldAgreeWithLedger();
        refused.Status.ShouldBeOneOf([HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity], refused.Text);
        var code = refused.Body?["code"]?.GetValue<string>();
        code.ShouldNotBeNullOrWhiteSpace(refused.Text);
        refused.ShouldBeProblem(refused.Status, code);
    }

    /// <summary>Two locations with 1.2 billion each: the network total does not fit an int, and must still be answered.</summary>
    [Fact]
    public async Task Availability_beyond_the_int_range_is_answered_not_500()
    {
        var sku = await _admin.CreateProductAsync();
        foreach (var location in new[] { await _admin.CreateLocationAsync(), await _admin.CreateLocationAsync() })
        {
            var body = Bodies.Receipt(location, Enumerable.Repeat((sku, 1_000_000), 200).ToArray());
            for (var i = 0; i < 6; i++) (await _admin.PostReplyAsync($"{V1}/stock/receipts", body)).ShouldBe(HttpStatusCode.Created);
        }

        var availability = (await factory.Storefront().GetReplyAsync($"{V1}/availability/{sku}")).ShouldBe(HttpStatusCode.OK);

        availability.Get<long>("available").ShouldBe(2_400_000_000L);
    }
}

public sealed class BusinessRuleTestsOnSqlite(SqliteApiFactory factory) : BusinessRuleTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class BusinessRuleTestsOnPostgres(PostgresApiFactory factory) : BusinessRuleTests(factory), IClassFixture<PostgresApiFactory>;
