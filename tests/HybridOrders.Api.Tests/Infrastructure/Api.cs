using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HybridOrders.Api.Tests.Infrastructure;

/// <summary>Small helpers to call the API as a client would (raw JSON, no server types) and build test data.</summary>
public static class Api
{
    private static int _counter;

    /// <summary>A code no other test uses: tests share a database and run in parallel.</summary>
    public static string Unique(string prefix) =>
        $"{prefix}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}";

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(this HttpClient client, HttpMethod method, string url,
        object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is string raw) request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body)> PostJsonAsync(this HttpClient client, string url, object? body, string? idempotencyKey = null) =>
        client.SendAsync(HttpMethod.Post, url, body, idempotencyKey);

    public static Task<(HttpStatusCode Status, JsonNode? Body)> GetJsonAsync(this HttpClient client, string url) =>
        client.SendAsync(HttpMethod.Get, url);

    /// <summary>Asserts a status and returns the body, showing the body when the status is not the expected one.</summary>
    public static JsonNode Expect(this (HttpStatusCode Status, JsonNode? Body) response, HttpStatusCode expected)
    {
        response.Status.ShouldBe(expected, response.Body?.ToJsonString());
        return response.Body ?? JsonValue.Create("")!;
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and code.</summary>
    public static JsonNode ExpectProblem(this (HttpStatusCode Status, JsonNode? Body) response, HttpStatusCode expected, string code)
    {
        var body = response.Expect(expected);
        body["code"]?.GetValue<string>().ShouldBe(code, body.ToJsonString());
        body["status"]!.GetValue<int>().ShouldBe((int)expected);
        body["title"].ShouldNotBeNull();
        body["type"].ShouldNotBeNull();
        return body;
    }

    public static async Task<string> CreateLocationAsync(this HttpClient admin, string? code = null, string kind = "store",
        double latitude = 52.52, double longitude = 13.40, string timeZone = "Europe/Berlin", bool pickup = true, bool shipFrom = true,
        object[]? openingHours = null)
    {
        code ??= Unique("LOC");
        (await admin.PostJsonAsync("/api/v1/locations", new
        {
            code, name = $"Test {code}", kind, latitude, longitude, timeZone, pickupEnabled = pickup, shipFromEnabled = shipFrom,
            openingHours = openingHours ?? [new { day = "monday", opens = "09:00", closes = "20:00" }],
        })).Expect(HttpStatusCode.Created);
        return code;
    }

    /// <summary>Monday to Saturday 10:00–20:00, closed on Sunday (as most German stores).</summary>
    public static readonly object[] MondayToSaturday =
        new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday" }
            .Select(day => (object)new { day, opens = "10:00", closes = "20:00" }).ToArray();

    public static async Task<string> CreateProductAsync(this HttpClient admin, decimal unitPrice = 10m, string? sku = null)
    {
        sku ??= Unique("SKU");
        (await admin.PostJsonAsync("/api/v1/products", new { sku, name = $"Product {sku}", unitPrice })).Expect(HttpStatusCode.Created);
        return sku;
    }

    public static async Task ReceiveAsync(this HttpClient client, string locationCode, string sku, int quantity) =>
        (await client.PostJsonAsync("/api/v1/stock/receipts", new { locationCode, lines = new[] { new { sku, quantity } }, reference = "test" }))
        .Expect(HttpStatusCode.Created);

    /// <summary>The figures of one stock line as the movements route reports them, plus the sums of its ledger.</summary>
    public static async Task<StockCheck> StockAsync(this HttpClient client, string locationCode, string sku)
    {
        int onHandSum = 0, reservedSum = 0, count = 0;
        JsonNode? current = null;
        string? cursor = null;
        do
        {
            var page = (await client.GetJsonAsync($"/api/v1/locations/{locationCode}/stock/{sku}/movements?limit=500"
                                                  + (cursor is null ? "" : $"&cursor={cursor}"))).Expect(HttpStatusCode.OK);
            foreach (var m in page["items"]!.AsArray())
            {
                onHandSum += m!["onHandDelta"]!.GetValue<int>();
                reservedSum += m["reservedDelta"]!.GetValue<int>();
                count++;
            }
            current = page["current"];
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        return new StockCheck(current!["onHand"]!.GetValue<int>(), current["reserved"]!.GetValue<int>(), current["available"]!.GetValue<int>(),
            onHandSum, reservedSum, count);
    }

    public static T Get<T>(this JsonNode node, string property) => node[property]!.GetValue<T>();

    /// <summary>The id of an event's data (null for stock events, whose data has none).</summary>
    public static string? DataId(this JsonNode evt) => evt["data"]?["id"]?.GetValue<string>();
}

/// <summary>A stock line's figures and what its ledger sums to; the two must always agree.</summary>
public sealed record StockCheck(int OnHand, int Reserved, int Available, int LedgerOnHand, int LedgerReserved, int Movements)
{
    public void ShouldAgreeWithLedger()
    {
        LedgerOnHand.ShouldBe(OnHand, "ledger on-hand sum vs stock line");
        LedgerReserved.ShouldBe(Reserved, "ledger reserved sum vs stock line");
    }
}
