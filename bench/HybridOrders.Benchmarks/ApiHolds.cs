using System.Net;
using System.Text.Json;

namespace HybridOrders.Benchmarks;

/// <summary>The HTTP side of the hold load: sets up the location, products and stock through the API as an admin client
/// would, and holds single units through <c>POST /api/v1/reservations</c>.</summary>
internal sealed class ApiHolds
{
    private const string ReservationsPath = "/api/v1/reservations";
    private readonly BenchApi _api;
    private readonly Dictionary<string, byte[]> _bodies;

    public ApiHolds(BenchApi api, BenchOptions options)
    {
        _api = api;
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

    /// <summary>Creates the location and products (already existing is fine) and sets on-hand of each SKU to <paramref name="units"/>.</summary>
    public async Task SetUpAsync(BenchOptions options, int units)
    {
        await _api.PostAsync("/api/v1/locations", new
        {
            code = options.Location, name = "Benchmark store", kind = "store", latitude = 52.52, longitude = 13.40,
            timeZone = "Europe/Berlin", pickupEnabled = true, shipFromEnabled = true,
        }, HttpStatusCode.Created, HttpStatusCode.Conflict);
        var skus = Enumerable.Range(0, options.Skus).Select(options.Sku).ToList();
        foreach (var sku in skus)
            await _api.PostAsync("/api/v1/products", new { sku, name = $"Benchmark {sku}", unitPrice = 9.99m },
                HttpStatusCode.Created, HttpStatusCode.Conflict);
        await _api.PostAsync(SyncLoad.Path, new
        {
            locationCode = options.Location,
            lines = skus.Select(sku => new { sku, onHand = units }),
            reference = "benchmark",
        }, HttpStatusCode.OK);
    }

    public IHoldClient Client() => new Holder(this);

    private sealed class Holder(ApiHolds holds) : IHoldClient
    {
        public async Task<string?> HoldOnceAsync(string sku, CancellationToken ct)
        {
            using var response = await holds._api.PostJsonAsync(ReservationsPath, holds._bodies[sku], ct);
            if (response.StatusCode == HttpStatusCode.Created) return null;
            return BenchApi.Describe(response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
