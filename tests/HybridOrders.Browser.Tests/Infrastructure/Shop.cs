using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace HybridOrders.Browser.Tests.Infrastructure;

/// <summary>Builds test data through the API, as a back office and a storefront would: locations, products, stock, orders.</summary>
public sealed class Shop(MonitorHost host)
{
    /// <summary>A small Berlin network: the warehouse in Schönefeld and four stores.</summary>
    public static readonly (string Code, string Kind, double Latitude, double Longitude)[] Network =
    [
        ("MON-WH", "warehouse", 52.355, 13.49),
        ("MON-MITTE", "store", 52.5219, 13.4132),
        (MonitorHost.PosStore, "store", 52.489, 13.395),
        ("MON-PANKOW", "store", 52.57, 13.408),
        ("MON-SPANDAU", "store", 52.536, 13.203),
    ];

    /// <summary>Near Alexanderplatz, where the delivery customer lives.</summary>
    public const double CustomerLatitude = 52.517, CustomerLongitude = 13.389;

    private static int _counter;

    private readonly HttpClient _admin = host.Client(MonitorHost.AdminKey);
    private readonly HttpClient _storefront = host.Client(MonitorHost.StorefrontKey);

    public HttpClient Logistics { get; } = host.Client(MonitorHost.LogisticsKey);

    public async Task CreateNetworkAsync()
    {
        var everyDay = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }
            .Select(day => new { day, opens = "09:00", closes = "20:00" }).ToArray();
        foreach (var (code, kind, latitude, longitude) in Network)
        {
            await SendAsync(_admin, "/api/v1/locations", new
            {
                code, name = kind == "warehouse" ? "Warehouse Schönefeld" : $"Store {code[4..]}", kind, latitude, longitude,
                timeZone = "Europe/Berlin", pickupEnabled = kind == "store", shipFromEnabled = true, openingHours = everyDay,
            });
        }
    }

    public async Task<string> ProductWithStockAsync(params (string Location, int Quantity)[] stock)
    {
        var sku = $"SKU-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";
        await SendAsync(_admin, "/api/v1/products", new { sku, name = $"Product {sku}", unitPrice = 19.99m });
        foreach (var (location, quantity) in stock)
            await SendAsync(_admin, "/api/v1/stock/receipts", new { locationCode = location, lines = new[] { new { sku, quantity } }, reference = "browser-test" });
        return sku;
    }

    /// <summary>A web order delivered to the customer near Alexanderplatz; returns the order.</summary>
    public Task<JsonNode> DeliveryAsync(params (string Sku, int Quantity)[] lines) => SendAsync(_storefront, "/api/v1/orders", new
    {
        channel = "web", customer = new { email = "eva@example.com", name = "Eva" },
        lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray(),
        fulfilment = new
        {
            type = "delivery",
            address = new { line1 = "Unter den Linden 1", city = "Berlin", postalCode = "10117", country = "DE", latitude = CustomerLatitude, longitude = CustomerLongitude },
        },
    });

    /// <summary>An app order picked up at <paramref name="store"/>; returns the order.</summary>
    public Task<JsonNode> PickupAsync(string store, bool allowTransfer, params (string Sku, int Quantity)[] lines) => SendAsync(_storefront, "/api/v1/orders", new
    {
        channel = "app", customer = new { phone = "+49 170 5550001", name = "Paul" },
        lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray(),
        fulfilment = new { type = "pickup", locationCode = store, allowTransfer },
    });

    /// <summary>The origin cannot send it: rejected (by logistics) and routed again; returns the reject's answer.</summary>
    public Task<JsonNode> RejectAsync(string fulfilmentId, string reason) =>
        SendAsync(Logistics, $"/api/v1/fulfilments/{fulfilmentId}/reject", new { reason });

    /// <summary>Sets a location's daily capacity (admin).</summary>
    public async Task<JsonNode> SetCapacityAsync(string locationCode, int? dailyCapacity)
    {
        using var response = await _admin.PutAsJsonAsync($"/api/v1/locations/{locationCode}/capacity", new { dailyCapacity });
        return await ReadAsync(response);
    }

    public async Task<JsonNode> FulfilmentAsync(string id)
    {
        using var response = await Logistics.GetAsync($"/api/v1/fulfilments/{id}");
        return await ReadAsync(response);
    }

    private static async Task<JsonNode> SendAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        return await ReadAsync(response);
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}

public static class OrderJson
{
    public static IReadOnlyList<JsonNode> Fulfilments(this JsonNode order) => order["fulfilments"]!.AsArray().Select(f => f!).ToList();

    public static JsonNode SingleFulfilment(this JsonNode order) => order.Fulfilments().Single();

    public static string Str(this JsonNode node, string property) => node[property]!.GetValue<string>();
}
