using System.Net;
using System.Text.Json;

namespace HybridOrders.Benchmarks;

/// <summary>
/// Bulk stock sync through <c>POST /api/v1/stock/sync</c>, as an ERP sends it: batches of N lines (default 5,000), each
/// line naming its location, from a few clients in closed loops (default 4) over the stock lines of the order network.
/// Each client owns every k-th stock line, so the clients never sync the same line and the bench knows each line's
/// on-hand: in every batch half of the lines change (on-hand flips between the set-up figure and one more) and half are
/// already right. A batch counts when it answers 200 with exactly those applied and unchanged counts and nothing refused.
/// </summary>
internal sealed class SyncLoad
{
    public const string Path = "/api/v1/stock/sync";
    private readonly BenchApi _api;
    private readonly Client[] _clients;
    private readonly int _batchLines;

    private sealed record Line(string LocationCode, string Sku, int Base);

    private sealed class Client(Line[] lines)
    {
        public readonly Line[] Lines = lines;
        public readonly bool[] Raised = new bool[lines.Length]; // on-hand is Base + 1
        public int Next;
        public long Batches;
    }

    public SyncLoad(BenchApi api, Network network, int clients, int batchLines)
    {
        _api = api;
        _batchLines = batchLines;
        var all = network.Locations.SelectMany((l, i) => network.Carried(i).Select(s => new Line(l.Code, Network.SkuCode(s), l.UnitsPerSku))).ToArray();
        _clients = Enumerable.Range(0, clients).Select(c => new Client(all.Where((_, i) => i % clients == c).ToArray())).ToArray();
    }

    public int Clients => _clients.Length;
    public int BatchLines => _batchLines;

    /// <summary>The next batch of one client: its next lines (wrapping round), every other one changed.</summary>
    public async Task<Outcome> SendAsync(int client)
    {
        var c = _clients[client];
        var batch = new object[_batchLines];
        var flips = new List<int>(_batchLines / 2 + 1);
        for (var k = 0; k < _batchLines; k++)
        {
            var at = (c.Next + k) % c.Lines.Length;
            var line = c.Lines[at];
            var change = (c.Batches + k) % 2 == 0;
            if (change) flips.Add(at);
            var onHand = line.Base + (c.Raised[at] != change ? 1 : 0);
            batch[k] = new { locationCode = line.LocationCode, sku = line.Sku, onHand };
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(new { reference = $"bench-sync-{client}-{c.Batches}", lines = batch });
        using var response = await _api.PostJsonAsync(Path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) return Outcome.Failure(BenchApi.Describe(response.StatusCode, text));
        foreach (var at in flips) c.Raised[at] = !c.Raised[at];
        c.Next = (c.Next + _batchLines) % c.Lines.Length;
        c.Batches++;
        using var json = JsonDocument.Parse(text);
        var applied = json.RootElement.GetProperty("applied").GetInt32();
        var unchanged = json.RootElement.GetProperty("unchanged").GetInt32();
        var refused = json.RootElement.GetProperty("refused").GetArrayLength();
        return applied == flips.Count && unchanged == _batchLines - flips.Count && refused == 0
            ? Outcome.Success()
            : Outcome.Failure($"batch of {_batchLines}: expected {flips.Count} applied, {_batchLines - flips.Count} unchanged; got {applied}, {unchanged}, {refused} refused");
    }

    /// <summary>Stock lines of the whole network in batches of up to <paramref name="batchLines"/>, each line with its own
    /// location: how the benchmark sets its stock up (absolute counts, so a second run on the same database is the same).</summary>
    public static async Task<int> SetUpAsync(BenchApi api, Network network, int batchLines, int parallel)
    {
        var batches = network.Locations
            .SelectMany((l, i) => network.Carried(i).Select(s => new { locationCode = l.Code, sku = Network.SkuCode(s), onHand = l.UnitsPerSku }))
            .Chunk(batchLines).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (lines, _) =>
            await api.PostAsync(Path, new { reference = "benchmark-network", lines }, HttpStatusCode.OK));
        return batches.Count;
    }
}
