using System.Globalization;
using HybridOrders.Benchmarks;
using Npgsql;

// Three parts, each optional (--only): hold throughput through the HTTP API against the raw ceiling (the same conditional
// UPDATE + ledger INSERT in one transaction straight through Npgsql), same PostgreSQL, same concurrency, durable commits;
// delivery orders per second through the API over a network of locations set up through the API; and the latency of the
// routing decision alone, in process, at several network sizes. scripts/bench.sh starts PostgreSQL and the API and runs
// this; see BenchOptions.Usage for running it by hand.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException)
{
    if (ex.Message.Length > 0) Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var holds = new List<(string Variant, PhaseResult Api, PhaseResult Raw)>();
(NetworkSetup Setup, PhaseResult Result)? orders = null;
if (options.Runs(BenchParts.Holds) || options.Runs(BenchParts.Orders))
{
    // The probe has its own small pool so it never waits behind the raw clients.
    var probeConnection = new NpgsqlConnectionStringBuilder(options.PgConnection) { MaxPoolSize = 2, ApplicationName = "bench-probe" };
    await using var probe = new ResourceProbe(NpgsqlDataSource.Create(probeConnection.ConnectionString), options.ApiPid, probeConnection.Port);
    using var api = new BenchApi(options);
    await using var sink = options.Webhook ? await WebhookSink.StartAsync(api) : null;
    if (options.Runs(BenchParts.Holds)) holds.AddRange(await RunHoldsAsync(api, probe));
    if (options.Runs(BenchParts.Orders)) orders = await RunOrdersAsync(api, probe);
    if (sink is not null) await sink.ReportAsync();
}
var routing = options.Runs(BenchParts.Routing) ? RunRouting() : [];

Report.Results(holds, orders, routing);
var failed = holds.Any(r => r.Api.Errors > 0 || r.Raw.Errors > 0 || r.Api.Ops == 0 || r.Raw.Ops == 0)
             || orders is { Result: var o } && (o.Errors > 0 || o.Ops == 0);
if (failed) Console.Error.WriteLine("FAILED: some holds or orders did not succeed (see the errors above).");
return failed ? 1 : 0;

async Task<List<(string, PhaseResult, PhaseResult)>> RunHoldsAsync(BenchApi api, ResourceProbe probe)
{
    // The raw clients hold one connection each.
    await using var raw = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(options.PgConnection)
        { MaxPoolSize = options.Clients, MinPoolSize = 0, ApplicationName = "bench-raw" }.ConnectionString);
    var apiHolds = new ApiHolds(api, options);
    Console.WriteLine($"Setting up location {options.Location} and {options.Skus} products through the API at {options.ApiUrl}...");
    await apiHolds.SetUpAsync(options, units: 1_000_000);
    Console.WriteLine($"{options.Clients} clients; per variant {options.WarmupSeconds:0.#} s warm-up each (the API's first: " +
                      $"{options.ApiWarmupSeconds:0.#} s), then {options.Seconds:0.#} s each in {options.Rounds} alternating rounds; " +
                      $"{Environment.ProcessorCount} CPUs; statements per hold " +
                      $"{((await probe.SnapshotAsync()).Statements.Count > 0 ? "from pg_stat_statements" : "not listed (no pg_stat_statements)")}");

    var rawHolds = new RawHolds(raw, options.Location);
    var variants = new List<(string Name, bool Hot)> { ("spread", false) };
    if (options.Hot) variants.Add(("hot", true));
    var results = new List<(string, PhaseResult, PhaseResult)>();
    foreach (var (variant, hot) in variants)
    {
        Contender[] contenders =
        [
            new("API", "holds/s", results.Count == 0 ? options.ApiWarmupSeconds : options.WarmupSeconds, _ => Task.FromResult(apiHolds.Client())),
            new("raw", "tx/s", options.WarmupSeconds, rawHolds.ClientAsync),
        ];
        var phases = await LoadRunner.RunAsync(options, hot, contenders, probe);
        Report.Variant(variant, hot ? $"all {options.Clients} clients on one SKU" : $"each hold on a random SKU of {options.Skus}", phases);
        results.Add((variant, phases[0], phases[1]));
    }
    Report.Summary(results);
    return results;
}

async Task<(NetworkSetup, PhaseResult)> RunOrdersAsync(BenchApi api, ResourceProbe probe)
{
    var network = new Network(options.Locations, options.Products);
    Console.WriteLine();
    Console.WriteLine($"Setting up {network.Locations.Count} locations, {network.Skus} products and {network.StockLines} stock lines through the API " +
                      $"({options.SetupParallel} requests at a time); then {options.Clients} clients place delivery orders, " +
                      $"{options.OrderWarmupSeconds:0.#} s warm-up, {options.OrderSeconds:0.#} s measured...");
    var apiOrders = new ApiOrders(api, network);
    var setup = await apiOrders.SetUpAsync(options.SetupParallel);
    Console.WriteLine($"  set up in {setup.Seconds:F1} s; warming up...");
    var result = await apiOrders.RunAsync(options, probe);
    Report.Orders(network, setup, result, apiOrders);
    return (setup, result);
}

List<RoutingRow> RunRouting()
{
    var rows = RoutingBench.Run(options).ToList();
    Report.Routing(rows);
    return rows;
}
