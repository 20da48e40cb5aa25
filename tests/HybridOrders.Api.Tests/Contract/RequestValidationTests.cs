using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;
using static HybridOrders.Api.Tests.Contract.ContractKit;

namespace HybridOrders.Api.Tests.Contract;

/// <summary>
/// Every validation rule of every implemented request: a valid body with one field spoiled must be a 400
/// <c>validation_failed</c> problem whose <c>errors</c> name that field's JSON path, never a 500. Validation does not
/// touch the database, so this class runs on SQLite only.
/// </summary>
public sealed class RequestValidationTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    private readonly HttpClient _admin = factory.Admin();

    /// <summary>POSTs <paramref name="valid"/> with <paramref name="field"/> set to <paramref name="json"/>: 400 naming <paramref name="errorKey"/>.</summary>
    private async Task ShouldRejectAsync(string url, JsonObject valid, string field, string json, string errorKey) =>
        (await _admin.PostReplyAsync(V1 + url, valid.With(field, json))).ShouldBeValidationProblem(errorKey);

    private static string J(string value) => JsonValue.Create(value).ToJsonString();

    private static TheoryData<string, string, string> Rows(params (string Field, string Json, string ErrorKey)[] rows)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (field, json, key) in rows) data.Add(field, json, key);
        return data;
    }

    // ---- Locations -------------------------------------------------------------------------------------------

    public static TheoryData<string, string, string> BadLocations => Rows(
        ("code", Missing, "code"), ("code", J(""), "code"), ("code", J("a b"), "code"), ("code", J("Ümlaut"), "code"),
        ("code", J("slash/code"), "code"), ("code", J(new string('c', 65)), "code"), ("code", "42", "code"),
        ("name", Missing, "name"), ("name", J("   "), "name"), ("name", J(new string('n', 201)), "name"),
        ("kind", J("shop"), "kind"), ("kind", "1", "kind"), ("kind", Missing, "kind"), ("kind", "null", "kind"),
        ("latitude", "90.0001", "latitude"), ("latitude", "-91", "latitude"), ("latitude", J("52.5"), "latitude"),
        ("latitude", Missing, "latitude"), ("longitude", "180.5", "longitude"), ("longitude", "-181", "longitude"),
        ("longitude", Missing, "longitude"),
        ("timeZone", J("Mars/Olympus_Mons"), "timeZone"), ("timeZone", J(""), "timeZone"), ("timeZone", Missing, "timeZone"),
        ("timeZone", "3", "timeZone"),
        ("pickupEnabled", Missing, "pickupEnabled"), ("pickupEnabled", J("yes"), "pickupEnabled"),
        ("shipFromEnabled", Missing, "shipFromEnabled"),
        ("openingHours", J("monday 9-20"), "openingHours"),
        ("openingHours[1]", "null", "openingHours[1]"),
        ("openingHours[0].day", J("funday"), "openingHours[0].day"),
        ("openingHours[1].day", J("Saturday"), "openingHours[1].day"),
        ("openingHours[0].day", Missing, "openingHours[0].day"),
        ("openingHours[0].opens", J("9am"), "openingHours[0].opens"),
        ("openingHours[0].opens", Missing, "openingHours[0].opens"),
        ("openingHours[0].closes", J("25:00"), "openingHours[0].closes"),
        ("openingHours[0].closes", J("08:00"), "openingHours[0].closes"), // closes before it opens
        ("openingHours[0].closes", J("09:00"), "openingHours[0].closes"), // closes when it opens
        ("openingHours[1].day", J("monday"), "openingHours"));           // the same day twice

    [Theory]
    [MemberData(nameof(BadLocations))]
    public async Task Create_location_rejects(string field, string json, string errorKey)
    {
        var code = Unique("VL");
        await ShouldRejectAsync("/locations", Bodies.Location(code), field, json, errorKey);
        (await _admin.GetReplyAsync($"{V1}/locations/{code}")).ShouldBeProblem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Create_location_reports_every_bad_opening_hours_entry()
    {
        var body = Bodies.Location(Unique("VL"))
            .With("openingHours[0].opens", J("9am"))
            .With("openingHours[1].closes", J("7pm"));
        (await _admin.PostReplyAsync($"{V1}/locations", body)).ShouldBeValidationProblem("openingHours[0].opens", "openingHours[1].closes");
    }

    [Fact]
    public async Task Create_location_accepts_the_boundaries()
    {
        var code = new string('x', 56) + Guid.NewGuid().ToString("N")[..8]; // 64 characters
        code.Length.ShouldBe(64);
        var body = Bodies.Location(code, latitude: -90, longitude: 180).With("code", J(code)).With("name", J(new string('n', 200)));
        var created = (await _admin.PostReplyAsync($"{V1}/locations", body)).ShouldBe(HttpStatusCode.Created);
        created.Get<string>("code").ShouldBe(code);
        created.Get<double>("latitude").ShouldBe(-90);
        created.Get<double>("longitude").ShouldBe(180);
        created["openingHours"]!.AsArray().Select(d => d!.Get<string>("day")).ShouldBe(["monday", "saturday"]);
    }

    // ---- Products --------------------------------------------------------------------------------------------

    public static TheoryData<string, string, string> BadProducts => Rows(
        ("sku", Missing, "sku"), ("sku", J(""), "sku"), ("sku", J("has space"), "sku"), ("sku", J(new string('s', 65)), "sku"),
        ("sku", J("semi;colon"), "sku"), ("sku", "7", "sku"),
        ("name", Missing, "name"), ("name", J(" "), "name"), ("name", J(new string('n', 201)), "name"),
        ("unitPrice", "-0.01", "unitPrice"), ("unitPrice", "1.999", "unitPrice"), ("unitPrice", "19.905", "unitPrice"),
        ("unitPrice", Missing, "unitPrice"), ("unitPrice", "null", "unitPrice"), ("unitPrice", J("9.99"), "unitPrice"),
        ("unitPrice", "1e30", "unitPrice"), ("unitPrice", "1000000000.01", "unitPrice"));

    [Theory]
    [MemberData(nameof(BadProducts))]
    public async Task Create_product_rejects(string field, string json, string errorKey) =>
        await ShouldRejectAsync("/products", Bodies.Product(Unique("VP")), field, json, errorKey);

    [Theory]
    [InlineData("0")]
    [InlineData("0.5")]
    [InlineData("1234.56")]
    [InlineData("1000000000")]
    public async Task Create_product_accepts_prices_with_at_most_two_decimals(string price)
    {
        var created = (await _admin.PostReplyAsync($"{V1}/products", Bodies.Product(Unique("VP")).With("unitPrice", price)))
            .ShouldBe(HttpStatusCode.Created);
        created.Get<decimal>("unitPrice").ShouldBe(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture));
    }

    // ---- Stock -----------------------------------------------------------------------------------------------

    public static TheoryData<string, string, string> BadReceipts => Rows(
        ("locationCode", Missing, "locationCode"), ("locationCode", J(""), "locationCode"), ("locationCode", J("no way"), "locationCode"),
        ("lines", Missing, "lines"), ("lines", "[]", "lines"), ("lines", "null", "lines"), ("lines", "{}", "lines"),
        ("lines", "[null]", "lines[0]"), ("lines", Many(201), "lines"),
        ("lines[0].quantity", "0", "lines[0].quantity"), ("lines[0].quantity", "-1", "lines[0].quantity"),
        ("lines[0].quantity", "1000001", "lines[0].quantity"), ("lines[0].quantity", "99999999999999", "lines[0].quantity"),
        ("lines[0].quantity", "2147483648", "lines[0].quantity"), ("lines[0].quantity", J("5"), "lines[0].quantity"),
        ("lines[0].quantity", "1.5", "lines[0].quantity"), ("lines[0].quantity", Missing, "lines[0].quantity"),
        ("lines[0].quantity", "null", "lines[0].quantity"),
        ("lines[0].sku", Missing, "lines[0].sku"), ("lines[0].sku", J(""), "lines[0].sku"), ("lines[0].sku", J("a/b"), "lines[0].sku"),
        ("lines[0].sku", J(new string('s', 65)), "lines[0].sku"),
        ("reference", J(new string('r', 201)), "reference"));

    private static string Many(int count) =>
        Bodies.Lines(Enumerable.Range(0, count).Select(i => ($"SKU-{i}", 1))).ToJsonString();

    [Theory]
    [MemberData(nameof(BadReceipts))]
    public async Task Receipt_rejects(string field, string json, string errorKey) =>
        await ShouldRejectAsync("/stock/receipts", Bodies.Receipt("VAL-LOC", ("VAL-SKU", 1)), field, json, errorKey);

    [Fact]
    public async Task Receipt_reports_every_bad_line()
    {
        var body = Bodies.Receipt("VAL-LOC", ("VAL-SKU", 0), ("VAL-SKU-2", 1), ("bad sku", 1));
        (await _admin.PostReplyAsync($"{V1}/stock/receipts", body)).ShouldBeValidationProblem("lines[0].quantity", "lines[2].sku");
    }

    [Fact]
    public async Task Receipt_accepts_200_lines_of_one_million()
    {
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync();
        var body = Bodies.Receipt(location, Enumerable.Repeat((sku, 1_000_000), 200).ToArray());

        var receipt = (await _admin.PostReplyAsync($"{V1}/stock/receipts", body)).ShouldBe(HttpStatusCode.Created);

        receipt["lines"]!.AsArray().Single()!.Get<int>("onHand").ShouldBe(200_000_000);
    }

    public static TheoryData<string, string, string> BadAdjustments => Rows(
        ("locationCode", Missing, "locationCode"), ("locationCode", J("?"), "locationCode"),
        ("sku", Missing, "sku"), ("sku", J("a b"), "sku"),
        ("countedQuantity", "-1", "countedQuantity"), ("countedQuantity", "1000001", "countedQuantity"),
        ("countedQuantity", Missing, "countedQuantity"), ("countedQuantity", J("3"), "countedQuantity"),
        ("countedQuantity", "2.5", "countedQuantity"), ("countedQuantity", "99999999999999", "countedQuantity"),
        ("reason", Missing, "reason"), ("reason", J(""), "reason"), ("reason", J("   "), "reason"),
        ("reason", J(new string('r', 201)), "reason"), ("reason", "5", "reason"));

    [Theory]
    [MemberData(nameof(BadAdjustments))]
    public async Task Adjustment_rejects(string field, string json, string errorKey) =>
        await ShouldRejectAsync("/stock/adjustments", Bodies.Adjustment("VAL-LOC", "VAL-SKU", 3), field, json, errorKey);

    [Theory]
    [InlineData("-1")]
    [InlineData("1000001")]
    [InlineData("99999999999999")]
    [InlineData(Missing)]
    [InlineData("null")]
    [InlineData("\"2\"")]
    [InlineData("1.5")]
    public async Task Safety_stock_rejects(string json) =>
        (await _admin.PutReplyAsync($"{V1}/locations/VAL-LOC/stock/VAL-SKU/safety-stock", new JsonObject { ["quantity"] = 1 }.With("quantity", json)))
        .ShouldBeValidationProblem("quantity");

    // ---- Availability ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("latitude", Missing)]
    [InlineData("latitude", "91")]
    [InlineData("latitude", "-90.01")]
    [InlineData("latitude", "abc")]
    [InlineData("latitude", "NaN")]
    [InlineData("longitude", Missing)]
    [InlineData("longitude", "181")]
    [InlineData("longitude", "-180.5")]
    [InlineData("longitude", "east")]
    [InlineData("radiusKm", "0")]
    [InlineData("radiusKm", "-1")]
    [InlineData("radiusKm", "20000.5")]
    [InlineData("radiusKm", "far")]
    [InlineData("quantity", "0")]
    [InlineData("quantity", "-3")]
    [InlineData("quantity", "1000001")]
    [InlineData("quantity", "99999999999")]
    [InlineData("quantity", "1.5")]
    [InlineData("quantity", "abc")]
    public async Task Nearby_rejects(string parameter, string value)
    {
        var query = new Dictionary<string, string> { ["latitude"] = "52.52", ["longitude"] = "13.40", ["quantity"] = "1", ["radiusKm"] = "50" };
        if (value == Missing) query.Remove(parameter);
        else query[parameter] = value;
        var url = $"{V1}/availability/VAL-SKU/nearby?" + string.Join('&', query.Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}"));

        (await _admin.GetReplyAsync(url)).ShouldBeValidationProblem(parameter);
    }

    // ---- Reservations ----------------------------------------------------------------------------------------

    public static TheoryData<string, string, string> BadHolds => Rows(
        ("locationCode", Missing, "locationCode"), ("locationCode", J("a b"), "locationCode"),
        ("channel", J("shop"), "channel"), ("channel", J("CALL CENTRE"), "channel"), ("channel", J(""), "channel"), ("channel", "2", "channel"),
        ("channel", Missing, "channel"), ("channel", "null", "channel"),
        ("customer", Missing, "customer"), ("customer", "null", "customer"), ("customer", J("bob"), "customer"),
        ("customer", "{}", "customer"), ("customer", """{ "name": "  ", "email": "" }""", "customer"),
        ("customer.email", J("not-an-email"), "customer.email"), ("customer.email", J("anna@"), "customer.email"),
        ("customer.email", J(new string('a', 250) + "@x.de"), "customer.email"), ("customer.phone", J(new string('1', 33)), "customer.phone"),
        ("customer.phone", J("call me"), "customer.phone"), ("customer.id", J(new string('i', 129)), "customer.id"),
        ("customer.name", J(new string('n', 201)), "customer.name"),
        ("holdMinutes", "0", "holdMinutes"), ("holdMinutes", "10081", "holdMinutes"), ("holdMinutes", "-1", "holdMinutes"),
        ("holdMinutes", J("60"), "holdMinutes"), ("holdMinutes", "99999999999", "holdMinutes"), ("holdMinutes", "1.5", "holdMinutes"),
        ("lines", "[]", "lines"), ("lines", Missing, "lines"), ("lines", Many(201), "lines"),
        ("lines[0].quantity", "0", "lines[0].quantity"), ("lines[0].quantity", "1000001", "lines[0].quantity"),
        ("lines[0].quantity", "99999999999999", "lines[0].quantity"), ("lines[0].sku", J(""), "lines[0].sku"));

    [Theory]
    [MemberData(nameof(BadHolds))]
    public async Task Hold_rejects(string field, string json, string errorKey) =>
        await ShouldRejectAsync("/reservations", Bodies.Hold("VAL-LOC", "VAL-SKU", 1), field, json, errorKey);

    [Theory]
    [InlineData(129)]
    [InlineData(1000)]
    public async Task Hold_rejects_an_idempotency_key_longer_than_128_characters(int length)
    {
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = new('k', length) };
        (await _admin.PostReplyAsync($"{V1}/reservations", Bodies.Hold("VAL-LOC", "VAL-SKU", 1), headers))
            .ShouldBeValidationProblem("Idempotency-Key");
    }

    [Fact]
    public async Task Hold_accepts_an_idempotency_key_of_128_characters_and_hold_minutes_at_the_bounds()
    {
        var (location, sku) = await _admin.StockedAsync(2);
        foreach (var minutes in new[] { 1, 10080 })
        {
            var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Unique("k").PadRight(128, 'k') };
            (await _admin.PostReplyAsync($"{V1}/reservations", Bodies.Hold(location, sku, 1).With("holdMinutes", $"{minutes}"), headers))
                .ShouldBe(HttpStatusCode.Created);
        }
    }

    // ---- Lists -----------------------------------------------------------------------------------------------

    public static TheoryData<string, string> BadListQueries()
    {
        var data = new TheoryData<string, string>();
        foreach (var list in new[] { "/locations", "/products", "/locations/VAL-LOC/stock/VAL-SKU/movements" })
        {
            foreach (var limit in new[] { "0", "501", "-1", "abc", "99999999999" }) data.Add($"{list}?limit={limit}", "limit");
            // '!' is no base64url; "not-a-cursor" and "garbage" decode to bytes that no list ever produced.
            foreach (var cursor in new[] { "!!!", "not-a-cursor", "garbage", "%20" }) data.Add($"{list}?cursor={cursor}", "cursor");
        }
        data.Add("/locations?kind=shop", "kind");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadListQueries))]
    public async Task List_rejects(string url, string errorKey) =>
        (await _admin.GetReplyAsync(V1 + url)).ShouldBeValidationProblem(errorKey);

    [Theory]
    [InlineData("store")]
    [InlineData("warehouse")]
    public async Task Location_list_filters_by_the_snake_case_kind(string kind)
    {
        var code = await _admin.CreateLocationAsync(kind: kind);
        var page = (await _admin.GetReplyAsync($"{V1}/locations?kind={kind}&limit=500")).ShouldBe(HttpStatusCode.OK);
        var items = page["items"]!.AsArray();
        items.ShouldAllBe(l => l!["kind"]!.GetValue<string>() == kind);
        items.Select(l => l!.Get<string>("code")).ShouldContain(code);
    }

    // ---- Bodies that are not the request at all --------------------------------------------------------------

    public static TheoryData<string, string> BodyRoutes => new()
    {
        { "POST", "/locations" }, { "POST", "/products" }, { "POST", "/stock/receipts" }, { "POST", "/stock/adjustments" },
        { "POST", "/reservations" }, { "PUT", "/locations/VAL-LOC/stock/VAL-SKU/safety-stock" },
    };

    public static TheoryData<string, string, string> MalformedBodies()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in BodyRoutes)
        foreach (var body in new[] { "{", "{\"code\": \"x\",}", "hello", "[]", "\"text\"", "42", "{\"a\": 1}}", "{'a': 1}" })
            data.Add((string)row[0], (string)row[1], body);
        return data;
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_json_is_a_validation_problem_on_the_root(string method, string url, string body) =>
        (await _admin.RawAsync(new HttpMethod(method), V1 + url, body)).ShouldBeValidationProblem("$");

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task Empty_or_null_body_is_a_validation_problem_on_the_root(string method, string url)
    {
        foreach (var body in new[] { "", "null" })
        {
            var errors = (await _admin.RawAsync(new HttpMethod(method), V1 + url, body)).ShouldBeValidationProblem("$");
            errors.ToJsonString().ShouldNotContain("Did you mean", customMessage: "server internals leak into the message");
        }
    }

    [Theory]
    [MemberData(nameof(BodyRoutes))]
    public async Task A_body_that_is_not_json_is_415(string method, string url)
    {
        foreach (var contentType in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", null })
            (await _admin.RawAsync(new HttpMethod(method), V1 + url, "{}", contentType))
                .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }
}
