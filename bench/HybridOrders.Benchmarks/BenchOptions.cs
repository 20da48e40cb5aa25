using System.Globalization;

namespace HybridOrders.Benchmarks;

/// <summary>What the benchmark measures: hold throughput, order throughput, bulk sync, listing-page availability, routing
/// latency. Default: all of them.</summary>
[Flags]
internal enum BenchParts
{
    Holds = 1,
    Orders = 2,
    Routing = 4,
    Sync = 8,
    Atp = 16,
    Forecast = 32,
    All = Holds | Orders | Routing | Sync | Atp | Forecast,
}

/// <summary>Command-line settings. Every option has a default except the API address, the admin key and the
/// database connection string (scripts/bench.sh passes all three); the routing part alone needs none of them.</summary>
internal sealed record BenchOptions(
    BenchParts Parts,
    Uri? ApiUrl,
    string? ApiKey,
    string? PgConnection,
    int Clients,
    double Seconds,
    double WarmupSeconds,
    double ApiWarmupSeconds,
    int Skus,
    bool Hot,
    int? ApiPid,
    string Location,
    int Rounds,
    int Locations,
    int Products,
    double OrderSeconds,
    double OrderWarmupSeconds,
    int SetupParallel,
    IReadOnlyList<int> RoutingLocations,
    int RoutingIterations,
    double RoutingSeconds,
    int SyncClients,
    int SyncLines,
    double SyncSeconds,
    int AtpClients,
    int AtpSkus,
    double AtpSeconds,
    double AtpRate,
    string? ApiLog,
    bool Webhook = false,
    int WebhookBatch = 1)
{
    public const string Usage = """
        HybridOrders.Benchmarks --api URL --api-key KEY --pg CONNECTION [options]
          --only PARTS        comma-separated parts to run: holds, orders, sync, atp, forecast, routing (default all)
          --api URL           base address of a running HybridOrders API (e.g. http://127.0.0.1:5080)
          --api-key KEY       an admin API key of that API (or env BENCH_API_KEY)
          --pg CONNECTION     Npgsql connection string of the API's PostgreSQL database (or env BENCH_PG)
          --clients N         concurrent clients of the hold and order loads (default 32)
          --api-pid PID       the API's process id, to split CPU time between API, PostgreSQL and this client (and its memory)
          --api-log FILE      the API's log, to count "Retrying transaction" warnings (deadlock and serialization victims)
          --webhook           subscribe one local receiver to every event (*) during the loads; prints the delivery lag
          --webhook-batch N   the same with a batched subscription (batchSize N: one request carries up to N events)
         holds:
          --seconds S         measured time of each contender, API and raw (default 15)
          --rounds N          slices the measured time is cut into, alternating API and raw (default 3; routing too)
          --warmup S          unmeasured warm-up of each contender before each variant (default 5)
          --api-warmup S      the API's first warm-up, long enough for the .NET JIT to reach steady code (default 30)
          --skus N            SKUs the holds are spread over (default 64)
          --no-hot            skip the hot-row variant (all clients on one SKU)
          --location CODE     location code used for the hold benchmark (default BENCH)
         orders:
          --locations N       locations of the network set up through the API (default 200)
          --products N        products of the network (default 5000; also the routing part's catalogue)
          --order-seconds S   measured time of the order load (default 15)
          --order-warmup S    unmeasured warm-up of the order load (default 15)
          --setup-parallel N  concurrent requests while setting the network up (default 8)
         sync (POST /stock/sync on the order network; also how every part sets its stock up):
          --sync-clients N    concurrent clients (default 4)
          --sync-lines N      lines per batch (default 5000), half of them changing
          --sync-seconds S    measured time (default 15, after 5 s of warm-up)
         atp (POST /availability/query on the order network):
          --atp-clients N     concurrent clients (default 32)
          --atp-skus N        SKUs per request (default 50), with a point
          --atp-seconds S     measured time (default 15, after 5 s of warm-up)
          --atp-rate R        then the same queries offered at R requests/s (default 400: 20,000 SKU answers/s of 50
                              SKUs), by the same clients, latency counted from when each was due; 0 skips it
         routing:
          --routing-locations N,N   network sizes of the routing part (default 200,1000)
          --routing-iterations N    timed routing decisions per case and size, over all rounds (default 20000)
          --routing-seconds S       time limit of each case and size, over all rounds (default 3)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{name}'.");
            if (name is "--no-hot" or "--help" or "--webhook") flags.Add(name);
            else if (i + 1 < args.Length) values[name] = args[++i];
            else throw new ArgumentException($"Option {name} needs a value.");
        }
        if (flags.Contains("--help")) throw new ArgumentException("");

        var parts = values.TryGetValue("--only", out var only) ? ParseParts(only) : BenchParts.All;
        var needsApi = (parts & ~BenchParts.Routing) != 0;
        string? Required(string name, string env) =>
            values.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable(env)
            ?? (needsApi ? throw new ArgumentException($"Missing {name} (or environment variable {env}).") : null);
        double Number(string name, double fallback) =>
            values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var apiUrl = Required("--api", "BENCH_API");
        var options = new BenchOptions(
            parts,
            apiUrl is null ? null : new Uri(apiUrl),
            Required("--api-key", "BENCH_API_KEY"),
            Required("--pg", "BENCH_PG"),
            (int)Number("--clients", 32),
            Number("--seconds", 15),
            Number("--warmup", 5),
            Number("--api-warmup", 30),
            (int)Number("--skus", 64),
            !flags.Contains("--no-hot"),
            values.TryGetValue("--api-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            values.GetValueOrDefault("--location") ?? "BENCH",
            (int)Number("--rounds", 3),
            (int)Number("--locations", 200),
            (int)Number("--products", 5000),
            Number("--order-seconds", 15),
            Number("--order-warmup", 15),
            (int)Number("--setup-parallel", 8),
            (values.GetValueOrDefault("--routing-locations") ?? "200,1000")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList(),
            (int)Number("--routing-iterations", 20_000),
            Number("--routing-seconds", 3),
            (int)Number("--sync-clients", 4),
            (int)Number("--sync-lines", 5_000),
            Number("--sync-seconds", 15),
            (int)Number("--atp-clients", 32),
            (int)Number("--atp-skus", 50),
            Number("--atp-seconds", 15),
            Number("--atp-rate", 400),
            values.GetValueOrDefault("--api-log"),
            flags.Contains("--webhook") || values.ContainsKey("--webhook-batch"),
            (int)Number("--webhook-batch", 1));
        if (options.Clients < 1 || options.Skus < 1 || options.Rounds < 1 || options.Seconds <= 0 || options.WarmupSeconds < 0 || options.ApiWarmupSeconds < 0)
            throw new ArgumentException("--clients, --skus and --rounds must be at least 1, --seconds above 0, --warmup and --api-warmup 0 or more.");
        if (options.Locations < 2 || options.Products < Network.MinProducts || options.OrderSeconds <= 0 || options.OrderWarmupSeconds < 0
            || options.SetupParallel < 1 || options.RoutingLocations.Count == 0 || options.RoutingLocations.Any(n => n < 2)
            || options.RoutingIterations < 1 || options.RoutingSeconds <= 0
            || options.SyncClients < 1 || options.SyncLines is < 1 or > 5_000 || options.SyncSeconds <= 0
            || options.AtpClients < 1 || options.AtpSkus is < 1 or > 200 || options.AtpSeconds <= 0 || options.AtpRate < 0 || options.WebhookBatch is < 1 or > 500)
            throw new ArgumentException($"--locations and every --routing-locations must be at least 2, --products at least {Network.MinProducts}, " +
                                        "--order-seconds and --routing-seconds above 0, --order-warmup 0 or more, --setup-parallel and --routing-iterations at least 1, " +
                                        "--sync-lines 1-5000, --atp-skus 1-200, --webhook-batch 1-500, --sync-clients and --atp-clients at least 1, --sync-seconds and --atp-seconds above 0, --atp-rate 0 or more.");
        return options;
    }

    private static BenchParts ParseParts(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Aggregate((BenchParts)0, (parts, name) => parts | (Enum.TryParse<BenchParts>(name, ignoreCase: true, out var part) && Enum.IsDefined(part) && part != BenchParts.All
                ? part
                : throw new ArgumentException($"--only takes holds, orders, sync, atp, forecast and routing, comma-separated; not '{name}'.")));

    public bool Runs(BenchParts part) => (Parts & part) != 0;

    public string Sku(int index) => $"{Location}-SKU-{index:D3}";
}
