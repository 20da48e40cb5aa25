using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Contract;

/// <summary>
/// api.md: Swagger must describe every route with its request/response schemas and problem responses. The document
/// does not depend on the database provider, so this class runs on SQLite only.
/// </summary>
public sealed class SwaggerTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    /// <summary>The implemented contract: method, path, whether it takes a JSON body, the success status.</summary>
    public static TheoryData<string, string, bool, string> Operations => new()
    {
        { "post", "/api/v1/locations", true, "201" },
        { "get", "/api/v1/locations", false, "200" },
        { "get", "/api/v1/locations/{code}", false, "200" },
        { "post", "/api/v1/products", true, "201" },
        { "get", "/api/v1/products", false, "200" },
        { "get", "/api/v1/products/{sku}", false, "200" },
        { "post", "/api/v1/stock/receipts", true, "201" },
        { "post", "/api/v1/stock/adjustments", true, "201" },
        { "put", "/api/v1/locations/{code}/stock/{sku}/safety-stock", true, "200" },
        { "get", "/api/v1/locations/{code}/stock/{sku}/movements", false, "200" },
        { "get", "/api/v1/availability/{sku}", false, "200" },
        { "get", "/api/v1/availability/{sku}/nearby", false, "200" },
        { "post", "/api/v1/reservations", true, "201" },
        { "get", "/api/v1/reservations/{id}", false, "200" },
        { "post", "/api/v1/reservations/{id}/fulfil", false, "200" },
        { "post", "/api/v1/reservations/{id}/release", false, "200" },
    };

    private async Task<JsonNode> DocumentAsync()
    {
        var reply = await factory.Anonymous().RawAsync(HttpMethod.Get, "/swagger/v1/swagger.json");
        reply.Status.ShouldBe(HttpStatusCode.OK);
        return reply.Body.ShouldNotBeNull();
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = Uri.UnescapeDataString(reference["#/components/schemas/".Length..]);
            schema = document["components"]!["schemas"]![name].ShouldNotBeNull($"dangling {reference}")!;
        }
        return schema;
    }

    private static JsonNode Operation(JsonNode document, string method, string path) =>
        document["paths"]?[path]?[method].ShouldNotBeNull($"{method.ToUpperInvariant()} {path} is not documented")!;

    private static JsonNode Property(JsonNode document, JsonNode schema, string name) =>
        Resolve(document, Resolve(document, schema)["properties"]?[name].ShouldNotBeNull($"no property '{name}' in {schema.ToJsonString()}")!);

    private static bool IsType(JsonNode schema, string type) =>
        schema["type"] is JsonArray types ? types.Any(t => t!.GetValue<string>() == type) : schema["type"]?.GetValue<string>() == type;

    private static JsonNode ProblemSchema(JsonNode document, JsonNode operation, string status)
    {
        var response = operation["responses"]?[status].ShouldNotBeNull($"no {status} response in {operation["operationId"]}");
        var schema = response!["content"]?["application/problem+json"]?["schema"]
            .ShouldNotBeNull($"the {status} response of {operation["operationId"]} is not application/problem+json");
        return Resolve(document, schema!);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Every_route_is_documented_with_schemas_and_problem_responses(string method, string path, bool hasBody, string success)
    {
        var document = await DocumentAsync();
        var operation = Operation(document, method, path);

        var ok = operation["responses"]?[success]?["content"]?["application/json"]?["schema"]
            .ShouldNotBeNull($"{method} {path}: no application/json schema for {success}");
        Resolve(document, ok!).ShouldNotBeNull();
        foreach (var status in new[] { "401", "403" })
            ProblemSchema(document, operation, status)["properties"]?["status"].ShouldNotBeNull();
        if (hasBody)
        {
            var body = operation["requestBody"]?["content"]?["application/json"]?["schema"]
                .ShouldNotBeNull($"{method} {path}: no JSON request body schema");
            Resolve(document, body!)["properties"].ShouldNotBeNull();
            ProblemSchema(document, operation, "400")["properties"]?["errors"].ShouldNotBeNull("400 should be a validation problem with errors");
        }
        if (path.Contains('{')) ProblemSchema(document, operation, "404");
        foreach (var parameter in Regex.Matches(path, @"\{(\w+)\}").Select(m => m.Groups[1].Value))
            operation["parameters"]!.AsArray().ShouldContain(p => p!["name"]!.GetValue<string>() == parameter && p["in"]!.GetValue<string>() == "path");
    }

    [Fact]
    public async Task Hold_documents_the_idempotency_key_and_its_conflict_problems()
    {
        var document = await DocumentAsync();
        var hold = Operation(document, "post", "/api/v1/reservations");

        var header = hold["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "Idempotency-Key")!;
        header["in"]!.GetValue<string>().ShouldBe("header");
        header["schema"]!["maxLength"]!.GetValue<int>().ShouldBe(128);
        ProblemSchema(document, hold, "409");
        ProblemSchema(document, hold, "422");
        foreach (var step in new[] { "fulfil", "release" })
            ProblemSchema(document, Operation(document, "post", $"/api/v1/reservations/{{id}}/{step}"), "409");
        ProblemSchema(document, Operation(document, "post", "/api/v1/stock/adjustments"), "409");
        ProblemSchema(document, Operation(document, "post", "/api/v1/locations"), "409");
        ProblemSchema(document, Operation(document, "post", "/api/v1/products"), "409");
    }

    [Fact]
    public async Task Instants_are_date_time_strings()
    {
        var document = await DocumentAsync();
        var reservation = Operation(document, "post", "/api/v1/reservations")["responses"]!["201"]!["content"]!["application/json"]!["schema"]!;
        var movements = Operation(document, "get", "/api/v1/locations/{code}/stock/{sku}/movements")["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var location = Operation(document, "get", "/api/v1/locations/{code}")["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;

        var instants = new[]
        {
            Property(document, reservation, "createdAt"), Property(document, reservation, "expiresAt"),
            Property(document, Property(document, movements, "items")["items"]!, "occurredAt"),
            Property(document, location, "createdAt"),
        };
        foreach (var instant in instants)
        {
            IsType(instant, "string").ShouldBeTrue(instant.ToJsonString());
            instant["format"]!.GetValue<string>().ShouldBe("date-time");
        }
    }

    [Fact]
    public async Task Enums_are_lower_snake_case_strings()
    {
        var document = await DocumentAsync();
        var holdBody = Operation(document, "post", "/api/v1/reservations")["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var reservation = Operation(document, "post", "/api/v1/reservations")["responses"]!["201"]!["content"]!["application/json"]!["schema"]!;
        var movements = Operation(document, "get", "/api/v1/locations/{code}/stock/{sku}/movements")["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var locationBody = Operation(document, "post", "/api/v1/locations")["requestBody"]!["content"]!["application/json"]!["schema"]!;

        var expected = new (JsonNode Schema, string[] Values)[]
        {
            (Property(document, holdBody, "channel"), ["pos", "app", "web", "call_centre"]),
            (Property(document, reservation, "status"), ["active", "fulfilled", "released", "expired"]),
            (Property(document, Property(document, movements, "items")["items"]!, "kind"),
                ["receipt", "adjustment", "reserve", "release", "sale", "return", "damaged", "transfer_out", "transfer_in"]),
            (Property(document, locationBody, "kind"), ["store", "warehouse"]),
        };
        foreach (var (schema, values) in expected)
        {
            IsType(schema, "string").ShouldBeTrue(schema.ToJsonString());
            schema["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(values, ignoreOrder: true);
        }
    }

    [Fact]
    public async Task Schema_names_are_valid_openapi_component_keys()
    {
        var document = await DocumentAsync();
        document["openapi"]!.GetValue<string>().ShouldStartWith("3.");
        var names = document["components"]!["schemas"]!.AsObject().Select(p => p.Key).ToList();
        names.Where(n => !Regex.IsMatch(n, @"^[a-zA-Z0-9.\-_]+$")).ShouldBeEmpty("OpenAPI 3 component keys must match ^[a-zA-Z0-9.\\-_]+$");
    }

    [Fact]
    public async Task The_list_routes_document_their_query_options()
    {
        var document = await DocumentAsync();
        foreach (var (path, parameters) in new[]
                 {
                     ("/api/v1/locations", new[] { "limit", "cursor" }),
                     ("/api/v1/products", new[] { "limit", "cursor" }),
                     ("/api/v1/locations/{code}/stock/{sku}/movements", new[] { "limit", "cursor" }),
                     ("/api/v1/availability/{sku}/nearby", new[] { "latitude", "longitude", "quantity", "radiusKm" }),
                 })
        {
            var documented = Operation(document, "get", path)["parameters"]!.AsArray()
                .Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>());
            parameters.ShouldBeSubsetOf(documented.ToList());
        }
    }

    private static JsonNode Component(JsonNode document, string name) =>
        document["components"]!["schemas"]![name].ShouldNotBeNull($"no component schema {name}")!;

    private static bool Nullable(JsonNode property) =>
        property["nullable"]?.GetValue<bool>() == true || (property["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "null"));

    private static string[] Required(JsonNode schema) => schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToArray() ?? [];

    [Fact]
    public async Task Always_present_response_properties_are_required_and_nullable_only_where_null_occurs()
    {
        var document = await DocumentAsync();
        var order = Component(document, "OrderResponse");
        var fulfilment = Component(document, "FulfilmentResponse");
        Required(order).ShouldBe(order["properties"]!.AsObject().Select(p => p.Key).ToArray(), ignoreOrder: true);
        Required(fulfilment).ShouldBe(fulfilment["properties"]!.AsObject().Select(p => p.Key).ToArray(), ignoreOrder: true);
        foreach (var (schema, never) in new[]
                 {
                     (order, new[] { "id", "number", "status", "lines", "fulfilments", "total", "placedAt" }),
                     (fulfilment, new[] { "id", "originLocationCode", "lines", "routing", "destination", "createdAt" }),
                     (Component(document, "RoutingResponse"), new[] { "strategy", "candidates" }),
                     (Component(document, "ReservationResponse"), new[] { "id", "lines", "expiresAt" }),
                 })
            foreach (var name in never) Nullable(schema["properties"]![name]!).ShouldBeFalse($"{name} is never null");
        foreach (var name in new[] { "readyAt", "pickupDeadline", "pickupDeadlineLocal", "shippedAt", "deliveredAt" })
            Nullable(fulfilment["properties"]![name]!).ShouldBeTrue($"{name} is null until it happens");
        Nullable(order["properties"]!["promoCode"]!).ShouldBeTrue();
        Nullable(Component(document, "PageOfOrderResponse")["properties"]!["nextCursor"]!).ShouldBeTrue();
    }

    [Fact]
    public async Task Request_bodies_require_what_the_validator_requires()
    {
        var document = await DocumentAsync();
        Required(Component(document, "HoldStock")).ShouldBe(["channel", "customer", "lines", "locationCode"], ignoreOrder: true);
        Required(Component(document, "PlaceOrder")).ShouldBe(["channel", "customer", "fulfilment", "lines"], ignoreOrder: true);
        Required(Component(document, "QuantityLine")).ShouldBe(["sku", "quantity"], ignoreOrder: true);
        Required(Component(document, "ReturnLineRequest")).ShouldBe(["sku", "quantity", "condition"], ignoreOrder: true); // child rules
        Required(Component(document, "SafetyStockBody")).ShouldBe(["quantity"]);
        Required(Component(document, "CreateLocation")).ShouldNotContain("openingHours");
        Nullable(Component(document, "HoldStock")["properties"]!["locationCode"]!).ShouldBeFalse("null is refused");
        Nullable(Component(document, "HoldStock")["properties"]!["holdMinutes"]!).ShouldBeTrue("optional");
    }

    [Fact]
    public async Task Operation_ids_are_unique_camel_case_and_every_operation_declares_its_problems()
    {
        var document = await DocumentAsync();
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => o.Value!)).ToList();
        var ids = operations.Select(o => o["operationId"]!.GetValue<string>()).ToList();
        ids.ShouldBeUnique();
        ids.ShouldAllBe(id => Regex.IsMatch(id, "^[a-z][a-zA-Z]+$"));
        operations.ShouldAllBe(o => !string.IsNullOrWhiteSpace(o["summary"]!.GetValue<string>()));
        foreach (var operation in operations)
            foreach (var status in new[] { "401", "403", "429" })
                ProblemSchema(document, operation, status);
        var problem = Component(document, "ProblemDetails");
        Required(problem).ShouldBe(["type", "title", "status", "code"], ignoreOrder: true);
        Operation(document, "get", "/api/v1/orders")["responses"]!["429"]!["headers"]!["Retry-After"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Schema_ids_carry_no_namespace_prefix()
    {
        var document = await DocumentAsync();
        var names = document["components"]!["schemas"]!.AsObject().Select(p => p.Key).ToList();
        names.ShouldContain("PlaceOrder");
        names.ShouldContain("PageOfOrderResponse");
        names.ShouldAllBe(n => !n.Contains('.'), "no two of our types share a name today; only a collision brings a prefix back");
    }
}
