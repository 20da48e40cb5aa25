using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Contract;

/// <summary>A response as a client sees it: status, media type, headers and the parsed JSON (when it is JSON).</summary>
public sealed record Reply(HttpStatusCode Status, string? MediaType, JsonNode? Body, string Text, ReplyHeaders Headers);

/// <summary>
/// The contract's view of the API for the tests in this folder: raw requests (any body, any content type, any header),
/// strict problem-details assertions (api.md, Conventions: type, title, status, detail and a stable code;
/// validation failures with <c>errors</c> keyed by field path) and valid request bodies that a test spoils one field at a time.
/// </summary>
public static class ContractKit
{
    public const string V1 = "/api/v1";

    /// <summary>A code no other test uses (see <see cref="Infrastructure.Api.Unique"/>).</summary>
    public static string Unique(string prefix) => Infrastructure.Api.Unique(prefix);

    /// <summary>Sends <paramref name="body"/> as it is (null: no body) with the given content type.</summary>
    public static async Task<Reply> RawAsync(this HttpClient client, HttpMethod method, string url, string? body = null,
        string? contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // not JSON (health checks, Swagger UI): Text has it
        }
        var all = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, json, text, new ReplyHeaders(all));
    }

    public static Task<Reply> PostReplyAsync(this HttpClient client, string url, JsonNode? body, IReadOnlyDictionary<string, string>? headers = null) =>
        client.RawAsync(HttpMethod.Post, url, body?.ToJsonString(), headers: headers);

    public static Task<Reply> PutReplyAsync(this HttpClient client, string url, JsonNode? body) =>
        client.RawAsync(HttpMethod.Put, url, body?.ToJsonString());

    public static Task<Reply> GetReplyAsync(this HttpClient client, string url) => client.RawAsync(HttpMethod.Get, url);

    /// <summary>Asserts a success status and returns the JSON body.</summary>
    public static JsonNode ShouldBe(this Reply reply, HttpStatusCode expected)
    {
        reply.Status.ShouldBe(expected, reply.Text);
        return reply.Body ?? JsonValue.Create("")!;
    }

    /// <summary>Asserts an RFC 9457 problem as api.md describes it: application/problem+json with type, title,
    /// status, detail and the stable <paramref name="code"/>.</summary>
    public static JsonNode ShouldBeProblem(this Reply reply, HttpStatusCode status, string code)
    {
        reply.Status.ShouldNotBe(HttpStatusCode.InternalServerError, reply.Text);
        reply.Status.ShouldBe(status, reply.Text);
        reply.MediaType.ShouldBe("application/problem+json", reply.Text);
        var body = reply.Body.ShouldNotBeNull(reply.Text);
        body["code"].ShouldNotBeNull($"the problem has no 'code': {reply.Text}").GetValue<string>().ShouldBe(code, reply.Text);
        body["status"].ShouldNotBeNull(reply.Text).GetValue<int>().ShouldBe((int)status, reply.Text);
        foreach (var member in new[] { "type", "title", "detail" })
            string.IsNullOrWhiteSpace(body[member]?.GetValue<string>()).ShouldBeFalse($"the problem has no '{member}': {reply.Text}");
        return body;
    }

    /// <summary>Asserts a 400 <c>validation_failed</c> whose <c>errors</c> name every one of <paramref name="fields"/>
    /// (exact JSON field paths, e.g. <c>lines[0].quantity</c>), each with at least one message.</summary>
    public static JsonObject ShouldBeValidationProblem(this Reply reply, params string[] fields)
    {
        var body = reply.ShouldBeProblem(HttpStatusCode.BadRequest, "validation_failed");
        var errors = body["errors"].ShouldBeOfType<JsonObject>($"no 'errors' object: {reply.Text}");
        foreach (var field in fields)
        {
            errors.ContainsKey(field).ShouldBeTrue($"expected an error for '{field}', got {errors.ToJsonString()}");
            var messages = errors[field].ShouldBeOfType<JsonArray>();
            messages.Count.ShouldBeGreaterThan(0);
            messages.ShouldAllBe(m => !string.IsNullOrWhiteSpace(m!.GetValue<string>()));
        }
        return errors;
    }

    /// <summary>A value in a theory row that means "leave the property out of the body".</summary>
    public const string Missing = "<missing>";

    /// <summary>Sets (or with <see cref="Missing"/> removes) the property at <paramref name="path"/>
    /// (<c>a.b</c>, <c>lines[0].quantity</c>) to the raw JSON <paramref name="json"/>; returns the same object.</summary>
    public static JsonObject With(this JsonObject body, string path, string json)
    {
        var segments = path.Split('.');
        JsonNode node = body;
        for (var i = 0; i < segments.Length; i++)
        {
            var (name, index) = Segment(segments[i]);
            var last = i == segments.Length - 1;
            if (last && index is null)
            {
                if (json == Missing) node.AsObject().Remove(name);
                else node.AsObject()[name] = JsonNode.Parse(json);
                return body;
            }
            var child = node[name]!;
            if (index is { } at)
            {
                if (last)
                {
                    child.AsArray()[at] = json == Missing ? null : JsonNode.Parse(json);
                    return body;
                }
                child = child[at]!;
            }
            node = child;
        }
        return body;
    }

    private static (string Name, int? Index) Segment(string segment)
    {
        var open = segment.IndexOf('[');
        return open < 0 ? (segment, null) : (segment[..open], int.Parse(segment[(open + 1)..^1]));
    }

    /// <summary>Great-circle distance with the mean earth radius (IUGG, 6371.0088 km), computed here independently.</summary>
    public static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double r = 6371.0088;
        static double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2)
                + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * r * Math.Asin(Math.Sqrt(a));
    }

    /// <summary>A new location with a new SKU of which <paramref name="quantity"/> units were received there.</summary>
    public static async Task<(string Location, string Sku)> StockedAsync(this HttpClient admin, int quantity)
    {
        var location = await admin.CreateLocationAsync();
        var sku = await admin.CreateProductAsync();
        await admin.ReceiveAsync(location, sku, quantity);
        return (location, sku);
    }

    public static async Task<string> HoldAsync(this HttpClient client, string location, string sku, int quantity) =>
        (await client.PostReplyAsync($"{V1}/reservations", Bodies.Hold(location, sku, quantity)))
        .ShouldBe(HttpStatusCode.Created).Get<string>("id");
}

public sealed class ReplyHeaders(IReadOnlyDictionary<string, string> values)
{
    public string? this[string name] => values.GetValueOrDefault(name);
}

/// <summary>Valid request bodies of the contract. Tests spoil one field with <see cref="ContractKit.With"/>.</summary>
public static class Bodies
{
    public static JsonObject Location(string code, string kind = "store", double latitude = 52.52, double longitude = 13.40,
        bool pickup = true) => new()
    {
        ["code"] = code, ["name"] = $"Store {code}", ["kind"] = kind, ["latitude"] = latitude, ["longitude"] = longitude,
        ["timeZone"] = "Europe/Berlin", ["pickupEnabled"] = pickup, ["shipFromEnabled"] = true,
        ["openingHours"] = new JsonArray(
            new JsonObject { ["day"] = "monday", ["opens"] = "09:00", ["closes"] = "20:00" },
            new JsonObject { ["day"] = "saturday", ["opens"] = "10:00", ["closes"] = "18:00" }),
    };

    public static JsonObject Product(string sku, decimal unitPrice = 19.90m) =>
        new() { ["sku"] = sku, ["name"] = $"Product {sku}", ["unitPrice"] = unitPrice };

    public static JsonObject Receipt(string location, params (string Sku, int Quantity)[] lines) => new()
    {
        ["locationCode"] = location,
        ["lines"] = Lines(lines),
        ["reference"] = "PO-4711",
    };

    public static JsonObject Adjustment(string location, string sku, int counted, string reason = "cycle count") =>
        new() { ["locationCode"] = location, ["sku"] = sku, ["countedQuantity"] = counted, ["reason"] = reason };

    public static JsonObject Hold(string location, string sku, int quantity) => Hold(location, (sku, quantity));

    public static JsonObject Hold(string location, params (string Sku, int Quantity)[] lines) => new()
    {
        ["locationCode"] = location, ["channel"] = "call_centre",
        ["customer"] = new JsonObject { ["name"] = "Anna Schmidt", ["email"] = "anna@example.org" },
        ["lines"] = Lines(lines), ["holdMinutes"] = 30,
    };

    public static JsonArray Lines(IEnumerable<(string Sku, int Quantity)> lines) =>
        new(lines.Select(l => (JsonNode)new JsonObject { ["sku"] = l.Sku, ["quantity"] = l.Quantity }).ToArray());
}
