using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace HybridOrders.Benchmarks;

/// <summary>
/// The forecast part (issue 13): one SKU with a year of daily sales at each of 200 locations, imported through
/// <c>POST /stock/sales-history</c> (batches of 10,000 lines), then the latency of <c>GET /forecast/{sku}</c> through the API:
/// for one location (target ≤ 20 ms) and for the whole network, no <c>locationCode</c> (target ≤ 200 ms). Sequential requests
/// after a warm-up; the median is the figure, p90 beside it. Its own locations and SKU (prefix FC-), so it runs beside the
/// other parts. Beside the latency, the CPU the API and PostgreSQL spent per request (from /proc): on a shared, loaded
/// machine the latency is mostly waiting for a core, the CPU is what the request costs.
/// </summary>
/// <summary>Median latencies, and CPU per request of the API and of PostgreSQL.</summary>
internal sealed record ForecastResult(double SingleMs, double NetworkMs, double SingleApiCpuMs, double NetworkApiCpuMs, double SinglePgCpuMs, double NetworkPgCpuMs);

internal static class ForecastBench
{
    private const int Locations = 200;
    private const int HistoryDays = 365;

    public static async Task<ForecastResult> RunAsync(BenchApi api, ResourceProbe probe)
    {
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var sku = $"FC-{run}-SKU";
        var codes = Enumerable.Range(0, Locations).Select(i => $"FC-{run}-{i:D3}").ToList();
        Console.WriteLine();
        Console.WriteLine($"== forecast: {Locations} locations, one SKU, {HistoryDays} days of daily sales each ({Locations * HistoryDays:N0} lines) " +
                          "through POST /stock/sales-history; then GET /forecast/{sku}?days=28 for one location and for the network");
        var clock = Stopwatch.StartNew();
        await api.PostAsync("/api/v1/products", new { sku, name = "Forecast benchmark product", unitPrice = 9.99m }, HttpStatusCode.Created);
        await Parallel.ForEachAsync(codes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (code, _) =>
            await api.PostAsync("/api/v1/locations", new
            {
                code, name = $"Forecast store {code}", kind = "store", latitude = 48 + codes.IndexOf(code) % 20 * 0.3, longitude = 7 + codes.IndexOf(code) / 20 * 0.6,
                timeZone = "Europe/Berlin", pickupEnabled = true, shipFromEnabled = true,
            }, HttpStatusCode.Created));

        // A weekly pattern, a slow trend and noise, different per location; the last day is the day before yesterday (never in the future anywhere).
        var random = new Random(13);
        var last = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);
        var weekly = new[] { 0.8, 0.9, 1.0, 1.0, 1.2, 1.6, 0.5 };
        var lines = codes.SelectMany((code, l) => Enumerable.Range(0, HistoryDays).Select(d =>
        {
            var date = last.AddDays(d - HistoryDays + 1);
            var level = (3 + l % 7) * (1 + 0.3 * d / HistoryDays) * weekly[(int)date.DayOfWeek];
            return new { date = date.ToString("yyyy-MM-dd"), locationCode = code, sku, channel = d % 3 == 0 ? "web" : "pos", quantity = Math.Max(0, (int)Math.Round(level + random.NextDouble() * 2 - 1)) };
        })).ToList();
        foreach (var batch in lines.Chunk(10_000))
            await api.PostAsync("/api/v1/stock/sales-history", new { lines = batch }, HttpStatusCode.OK);
        Console.WriteLine($"  set up in {clock.Elapsed.TotalSeconds:F1} s");

        var single = await MeasureAsync(api, probe, $"/api/v1/forecast/{sku}?locationCode={codes[0]}&days=28", warmup: 10, runs: 50);
        var network = await MeasureAsync(api, probe, $"/api/v1/forecast/{sku}?days=28", warmup: 5, runs: 20);
        Console.WriteLine($"  one SKU at one location:  median {single.Median:F1} ms, p90 {single.P90:F1} ms ({single.Runs} requests; target ≤ 20 ms); " +
                          $"CPU per request: API {single.ApiCpuMs:F1} ms, PostgreSQL {single.PgCpuMs:F1} ms");
        Console.WriteLine($"  one SKU over the network: median {network.Median:F1} ms, p90 {network.P90:F1} ms ({network.Runs} requests; target ≤ 200 ms); " +
                          $"CPU per request: API {network.ApiCpuMs:F1} ms, PostgreSQL {network.PgCpuMs:F1} ms");
        return new ForecastResult(single.Median, network.Median, single.ApiCpuMs, network.ApiCpuMs, single.PgCpuMs, network.PgCpuMs);
    }

    private static async Task<(double Median, double P90, int Runs, double ApiCpuMs, double PgCpuMs)> MeasureAsync(BenchApi api, ResourceProbe probe,
        string path, int warmup, int runs)
    {
        for (var i = 0; i < warmup; i++) await GetAsync(api, path);
        var before = await probe.SnapshotAsync();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var method = await GetAsync(api, path);
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (i == 0 && method == "insufficient_history") throw new InvalidOperationException($"GET {path} answered insufficient_history");
        }
        var used = (await probe.SnapshotAsync()).Minus(before, probe.ApiPid);
        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.9) - 1], runs, used.ApiCpuMs / runs, used.PostgresCpuMs / runs);
    }

    private static async Task<string?> GetAsync(BenchApi api, string path)
    {
        using var response = await api.Http.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<ForecastBody>();
        return body?.Method;
    }

    private sealed record ForecastBody(string? Method);
}
