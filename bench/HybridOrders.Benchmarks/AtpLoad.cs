using System.Net;
using System.Text.Json;

namespace HybridOrders.Benchmarks;

/// <summary>
/// Listing pages through <c>POST /api/v1/availability/query</c>: each request asks for N distinct SKUs of the order network
/// (default 50, drawn uniformly from the whole catalogue, as a search or category page shows them; 1.2 % of the catalogue
/// are the high sellers stocked everywhere) with a random point in the area, from many clients in closed loops (default
/// 32). A request counts when it answers 200 with one item per SKU, every one known.
/// </summary>
internal sealed class AtpLoad(BenchApi api, Network network, int skusPerRequest)
{
    public const string Path = "/api/v1/availability/query";

    public int SkusPerRequest => skusPerRequest;

    public async Task<Outcome> SendAsync(Random random)
    {
        var skus = new HashSet<int>();
        while (skus.Count < skusPerRequest)
            skus.Add(random.Next(network.Skus));
        var point = network.RandomOrder(random).Destination;
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            skus = skus.Select(Network.SkuCode), latitude = point.Latitude, longitude = point.Longitude,
        });
        using var response = await api.PostJsonAsync(Path, body);
        var text = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK) return Outcome.Failure(BenchApi.Describe(response.StatusCode, System.Text.Encoding.UTF8.GetString(text)));
        using var json = JsonDocument.Parse(text);
        var items = json.RootElement.GetProperty("items");
        return items.GetArrayLength() == skusPerRequest && items.EnumerateArray().All(i => i.GetProperty("known").GetBoolean())
            ? Outcome.Success()
            : Outcome.Failure($"expected {skusPerRequest} known items, got {items.GetArrayLength()}");
    }
}
