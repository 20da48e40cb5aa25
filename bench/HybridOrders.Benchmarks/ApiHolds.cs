using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HybridOrders.Benchmarks;

/// <summary>The HTTP side: sets up the location, products and stock through the API as an admin client would, and
/// holds single units through <c>POST /api/v1/reservations</c>.</summary>
internal sealed class ApiHolds : IDisposable
{
    private const string ReservationsPath = "/api/v1/reservations";
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly Dictionary<string, byte[]> _bodies;

    public ApiHolds(BenchOptions options)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        })
        {
            BaseAddress = options.ApiUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
        // Every hold of a SKU has the same body, so the bodies are serialized once: the client should cost little.
        _bodies = Enumerable.Range(0, options.Skus).Select(options.Sku).ToDictionary(sku => sku, sku => JsonSerializer.SerializeToUtf8Bytes(new
        {
            locationCode = options.Location,
            channel = "web",
            customer = new { id = "bench-customer" },
            lines = new[] { new { sku, quantity = 1 } },
            holdMinutes = 10080, // a week: the expiry sweep has nothing to do during the run
        }));
    }

    /// <summary>Creates the location and products (already existing is fine) and receives <paramref name="units"/> of each SKU.</summary>
    public async Task SetUpAsync(BenchOptions options, int units)
    {
        await PostAsync("/api/v1/locations", new
        {
            code = options.Location, name = "Benchmark store", kind = "store", latitude = 52.52, longitude = 13.40,
            timeZone = "Europe/Berlin", pickupEnabled = true, shipFromEnabled = true,
        }, HttpStatusCode.Created, HttpStatusCode.Conflict);
        var skus = Enumerable.Range(0, options.Skus).Select(options.Sku).ToList();
        foreach (var sku in skus)
            await PostAsync("/api/v1/products", new { sku, name = $"Benchmark {sku}", unitPrice = 9.99m },
                HttpStatusCode.Created, HttpStatusCode.Conflict);
        foreach (var chunk in skus.Chunk(200))
            await PostAsync("/api/v1/stock/receipts", new
            {
                locationCode = options.Location,
                lines = chunk.Select(sku => new { sku, quantity = units }),
                reference = "benchmark",
            }, HttpStatusCode.Created);
    }

    public IHoldClient Client() => new Holder(this);

    public void Dispose() => _http.Dispose();

    private async Task PostAsync(string path, object body, params HttpStatusCode[] accepted)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        if (!accepted.Contains(response.StatusCode))
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private sealed class Holder(ApiHolds api) : IHoldClient
    {
        public async Task<string?> HoldOnceAsync(string sku, CancellationToken ct)
        {
            using var content = new ByteArrayContent(api._bodies[sku]);
            content.Headers.ContentType = Json;
            using var response = await api._http.PostAsync(ReservationsPath, content, ct);
            if (response.StatusCode == HttpStatusCode.Created) return null;
            var text = await response.Content.ReadAsStringAsync(ct);
            return $"HTTP {(int)response.StatusCode}: {(text.Length > 300 ? text[..300] : text)}";
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
