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
