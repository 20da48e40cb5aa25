using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace HybridOrders.Benchmarks;

/// <summary>How long setting the network up through the API took, step by step.</summary>
internal sealed record NetworkSetup(int Locations, int Products, int StockLines, int Syncs,
    double LocationsSeconds, double ProductsSeconds, double StockSeconds)
{
    public double Seconds => LocationsSeconds + ProductsSeconds + StockSeconds;
}

/// <summary>The order load: sets the synthetic <see cref="Network"/> up through the API as an admin client would, then
/// places delivery orders through <c>POST /api/v1/orders</c> from N clients in closed loops. A 201 is a placed order
/// (tagged with its routing strategy), a 409 <c>insufficient_stock</c> a refusal the shop may give, anything else an error.</summary>
internal sealed class ApiOrders(BenchApi api, Network network)
{
    public const string InsufficientStock = "insufficient_stock";
    private const string OrdersPath = "/api/v1/orders";
    private static readonly byte[] StrategyProperty = "\"strategy\":\""u8.ToArray();
    private static readonly byte[] InsufficientStockCode = Encoding.UTF8.GetBytes($"\"{InsufficientStock}\"");
    private readonly byte[] _fromWarehouse = Encoding.UTF8.GetBytes($"\"originLocationCode\":\"{network.Locations[0].Code}\"");
    private long _responses;
    private long _responseBytes;
    private long _placed;
    private long _placedFromWarehouse;

    /// <summary>Mean size of the order responses so far (each carries the routing decision of every fulfilment).</summary>
    public double MeanResponseBytes => _responses == 0 ? double.NaN : (double)_responseBytes / _responses;

    /// <summary>Share of the placed orders so far with a fulfilment from the warehouse (its stock rows are the most contended).</summary>
    public double WarehouseShare => _placed == 0 ? double.NaN : (double)_placedFromWarehouse / _placed;

    /// <summary>Locations, then products, <paramref name="parallel"/> requests at a time, then the stock through
    /// <c>POST /stock/sync</c> in batches of 5,000 lines. Already existing locations and products are fine (a second run
    /// against the same database), and the sync sets absolute counts.</summary>
    public async Task<NetworkSetup> SetUpAsync(int parallel)
    {
        var clock = Stopwatch.StartNew();
        await ForEachAsync(network.Locations, parallel, l => api.PostAsync("/api/v1/locations", new
        {
            code = l.Code, name = l.IsWarehouse ? "Benchmark warehouse" : $"Benchmark store {l.Code}", kind = l.IsWarehouse ? "warehouse" : "store",
            latitude = l.Position.Latitude, longitude = l.Position.Longitude, timeZone = "Europe/Berlin",
            pickupEnabled = !l.IsWarehouse, shipFromEnabled = l.ShipFromEnabled,
        }, HttpStatusCode.Created, HttpStatusCode.Conflict));
        var locations = clock.Elapsed.TotalSeconds;

        clock.Restart();
        await ForEachAsync(Enumerable.Range(0, network.Skus), parallel, i => api.PostAsync("/api/v1/products", new
        {
            sku = Network.SkuCode(i), name = $"Benchmark product {i}", unitPrice = 1.99m + i % 50,
        }, HttpStatusCode.Created, HttpStatusCode.Conflict));
        var products = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var syncs = await SyncLoad.SetUpAsync(api, network, batchLines: 5_000, parallel: Math.Min(parallel, 4));
        return new NetworkSetup(network.Locations.Count, network.Skus, network.StockLines, syncs, locations, products, clock.Elapsed.TotalSeconds);
    }

    /// <summary>What the API's JIT compiled per second of the first measured order load (the one <c>RESULT orders</c> reports):
    /// while it still compiles, the figure is of code still tiering up, not of the steady state.</summary>
    public JitCounters? MeasuredJit { get; private set; }

    /// <summary>Warm-up (unmeasured), a CHECKPOINT, then the measured load with the resources it took.</summary>
    public async Task<PhaseResult> RunAsync(BenchOptions options, ResourceProbe probe)
    {
        Task<ClosedLoop.Worker[]> DriveAsync(double seconds, int seed) =>
            ClosedLoop.DriveAsync(options.Clients, seconds, seed, (client, random) => PlaceAsync(network.RandomOrder(random), client));

        if (options.OrderWarmupSeconds > 0) await DriveAsync(options.OrderWarmupSeconds, seed: 1_000);
        await probe.CheckpointAsync();
        Console.WriteLine($"  warmed up; measuring {options.OrderSeconds:0.#} s...");
        var jitBefore = await api.JitAsync();
        var before = await probe.SnapshotAsync();
        var workers = await DriveAsync(options.OrderSeconds, seed: 2_000);
        var after = await probe.SnapshotAsync();
        if (jitBefore is not null && await api.JitAsync() is { } jitAfter)
            MeasuredJit ??= jitAfter.Minus(jitBefore).PerSecond(options.OrderSeconds);
        var tally = new ClosedLoop.Tally();
        tally.Add(workers, options.OrderSeconds, after.Minus(before, probe.ApiPid));
        return tally.Result("API", "orders/s", "order", apiMeasured: probe.ApiPid is not null);
    }

    private async Task<Outcome> PlaceAsync(NetworkOrder order, int client)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            channel = "web",
            customer = new { id = $"bench-customer-{client}" },
            lines = order.Lines.Select(l => new { sku = Network.SkuCode(l.Sku), quantity = l.Quantity }),
            fulfilment = new
            {
                type = "delivery",
                address = new
                {
                    line1 = "Benchmarkstraße 1", city = "Berlin", postalCode = "10115", country = "DE",
                    latitude = order.Destination.Latitude, longitude = order.Destination.Longitude,
                },
            },
        });
        using var response = await api.PostJsonAsync(OrdersPath, body);
        var answer = await response.Content.ReadAsByteArrayAsync();
        Interlocked.Increment(ref _responses);
        Interlocked.Add(ref _responseBytes, answer.Length);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            Interlocked.Increment(ref _placed);
            if (answer.AsSpan().IndexOf(_fromWarehouse) >= 0) Interlocked.Increment(ref _placedFromWarehouse);
        }
        return response.StatusCode switch
        {
            HttpStatusCode.Created => Outcome.Success(Strategy(answer)),
            HttpStatusCode.Conflict when answer.AsSpan().IndexOf(InsufficientStockCode) >= 0 => Outcome.Refusal(InsufficientStock),
            _ => Outcome.Failure(BenchApi.Describe(response.StatusCode, Encoding.UTF8.GetString(answer))),
        };
    }

    /// <summary>The routing strategy of the order's first fulfilment (all fulfilments of an order share it).</summary>
    private static string Strategy(byte[] json)
    {
        var span = json.AsSpan();
        var at = span.IndexOf(StrategyProperty);
        if (at < 0) return "unknown";
        var value = span[(at + StrategyProperty.Length)..];
        return Encoding.UTF8.GetString(value[..Math.Max(0, value.IndexOf((byte)'"'))]);
    }

    private static Task ForEachAsync<T>(IEnumerable<T> items, int parallel, Func<T, Task> post) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (item, _) => await post(item));
}
