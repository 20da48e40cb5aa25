using System.Globalization;

namespace HybridOrders.Benchmarks;

/// <summary>Command-line settings. Every option has a default except the API address, the admin key and the
/// database connection string (scripts/bench.sh passes all three).</summary>
internal sealed record BenchOptions(
    Uri ApiUrl,
    string ApiKey,
    string PgConnection,
    int Clients,
    double Seconds,
    double WarmupSeconds,
    double ApiWarmupSeconds,
    int Skus,
    bool Hot,
    int? ApiPid,
    string Location,
    int Rounds)
{
    public const string Usage = """
        HybridOrders.Benchmarks --api URL --api-key KEY --pg CONNECTION [options]
          --api URL           base address of a running HybridOrders API (e.g. http://127.0.0.1:5080)
          --api-key KEY       an admin API key of that API (or env BENCH_API_KEY)
          --pg CONNECTION     Npgsql connection string of the API's PostgreSQL database (or env BENCH_PG)
          --clients N         concurrent clients (default 32)
          --seconds S         measured time of each contender, API and raw (default 15)
          --rounds N          slices the measured time is cut into, alternating API and raw (default 3)
          --warmup S          unmeasured warm-up of each contender before each variant (default 5)
          --api-warmup S      the API's first warm-up, long enough for the .NET JIT to reach steady code (default 30)
          --skus N            SKUs the holds are spread over (default 64)
          --no-hot            skip the hot-row variant (all clients on one SKU)
          --api-pid PID       the API's process id, to split CPU time between API, PostgreSQL and this client
          --location CODE     location code used for the benchmark (default BENCH)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{name}'.");
            if (name is "--no-hot" or "--help") flags.Add(name);
            else if (i + 1 < args.Length) values[name] = args[++i];
            else throw new ArgumentException($"Option {name} needs a value.");
        }
        if (flags.Contains("--help")) throw new ArgumentException("");

        string Required(string name, string env) =>
            values.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable(env)
            ?? throw new ArgumentException($"Missing {name} (or environment variable {env}).");
        double Number(string name, double fallback) =>
            values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var options = new BenchOptions(
            new Uri(Required("--api", "BENCH_API")),
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
            (int)Number("--rounds", 3));
        if (options.Clients < 1 || options.Skus < 1 || options.Rounds < 1 || options.Seconds <= 0 || options.WarmupSeconds < 0 || options.ApiWarmupSeconds < 0)
            throw new ArgumentException("--clients, --skus and --rounds must be at least 1, --seconds above 0, --warmup and --api-warmup 0 or more.");
        return options;
    }

    public string Sku(int index) => $"{Location}-SKU-{index:D3}";
}
