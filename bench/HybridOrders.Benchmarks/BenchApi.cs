using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace HybridOrders.Benchmarks;

/// <summary>The HTTP client of the API parts: one connection per benchmark client, the admin key on every request.</summary>
internal sealed class BenchApi : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public BenchApi(BenchOptions options)
    {
        Http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        })
        {
            BaseAddress = options.ApiUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
        Http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
    }

    public HttpClient Http { get; }

    /// <summary>Posts a body already serialized to JSON (the loads serialize it themselves, or once for all requests).</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, byte[] json, CancellationToken ct = default)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = Json;
        return Http.PostAsync(path, content, ct);
    }

    /// <summary>The API runtime's JIT counters from its <c>/metrics</c> (methods compiled and seconds spent compiling since it
    /// started), or null when it does not export them.</summary>
    public async Task<JitCounters?> JitAsync()
    {
        string text;
        try { text = await Http.GetStringAsync("/metrics"); }
        catch (HttpRequestException) { return null; }
        double? Counter(string name) => text.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => double.TryParse(l[(l.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null)
            .FirstOrDefault(v => v is not null);
        return Counter("dotnet_jit_compiled_methods_total") is { } methods && Counter("dotnet_jit_compilation_time_seconds_total") is { } seconds
            ? new JitCounters(methods, seconds)
            : null;
    }

    /// <summary>A set-up request: anything but the <paramref name="accepted"/> statuses stops the benchmark.</summary>
    public async Task PostAsync(string path, object body, params HttpStatusCode[] accepted)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        if (!accepted.Contains(response.StatusCode))
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>What went wrong with a response, briefly.</summary>
    public static string Describe(HttpStatusCode status, string text) => $"HTTP {(int)status}: {(text.Length > 300 ? text[..300] : text)}";

    public void Dispose() => Http.Dispose();
}

/// <summary>The runtime's cumulative JIT counters at one moment (or, as a difference, over one phase; or per second of it).</summary>
internal sealed record JitCounters(double Methods, double Seconds)
{
    public JitCounters Minus(JitCounters before) => new(Methods - before.Methods, Seconds - before.Seconds);

    public JitCounters PerSecond(double wallSeconds) => new(Methods / wallSeconds, Seconds / wallSeconds);
}
