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
PhaseResult? sync = null, atp = null, atpPaced = null;
ApiFootprint? footprint = null;
ApiHolds? lastApiHolds = null;
ApiOrders? lastApiOrders = null;
ForecastResult? forecast = null;
if ((options.Parts & ~BenchParts.Routing) != 0)
{
    // The probe has its own small pool so it never waits behind the raw clients.
    var probeConnection = new NpgsqlConnectionStringBuilder(options.PgConnection) { MaxPoolSize = 2, ApplicationName = "bench-probe" };
    await using var probe = new ResourceProbe(NpgsqlDataSource.Create(probeConnection.ConnectionString), options.ApiPid, probeConnection.Port);
    using var api = new BenchApi(options);
    var deadlocksBefore = await probe.DeadlocksAsync();
    if (options.Runs(BenchParts.Holds)) holds.AddRange(await RunHoldsAsync(api, probe));
    Network? network = null;
    if (options.Runs(BenchParts.Orders))
    {
        (network, var setup, var result) = await RunOrdersAsync(api, probe);
        orders = (setup, result);
    }
    if (options.Runs(BenchParts.Holds) || options.Runs(BenchParts.Orders))
        footprint = new ApiFootprint(ResourceProbe.RssMb(options.ApiPid), ResourceProbe.PeakRssMb(options.ApiPid),
            await probe.DeadlocksAsync() - deadlocksBefore, CountRetries(options.ApiLog));
    if (options.Webhook && (lastApiHolds is not null || lastApiOrders is not null))
    {
        // The same deadlock check for the loads with the webhook, reported on the same RESULT deadlocks line (labelled webhook_*).
        var webhookDeadlocksBefore = await probe.DeadlocksAsync();
        var webhookRetriesBefore = CountRetries(options.ApiLog);
        await RunWithWebhookAsync(api, probe, lastApiHolds, lastApiOrders);
        if (footprint is not null)
            footprint = footprint with
            {
                WebhookPgDeadlocks = await probe.DeadlocksAsync() - webhookDeadlocksBefore,
                WebhookApiRetries = CountRetries(options.ApiLog) - webhookRetriesBefore,
            };
    }
    if (options.Runs(BenchParts.Sync) || options.Runs(BenchParts.Atp))
    {
        if (network is null)
        {
            network = new Network(options.Locations, options.Products);
            Console.WriteLine();
            Console.WriteLine($"Setting up the network of {network.Locations.Count} locations and {network.StockLines} stock lines through the API...");
            Console.WriteLine($"  set up in {(await new ApiOrders(api, network).SetUpAsync(options.SetupParallel)).Seconds:F1} s");
        }
        if (options.Runs(BenchParts.Sync)) sync = await RunSyncAsync(api, probe, network);
        if (options.Runs(BenchParts.Atp))
        {
            atp = await RunAtpAsync(api, probe, network);
            if (options.AtpRate > 0) atpPaced = await RunAtpPacedAsync(api, probe, network);
        }
    }
    if (options.Runs(BenchParts.Forecast)) forecast = await ForecastBench.RunAsync(api, probe);
}
var routing = options.Runs(BenchParts.Routing) ? RunRouting() : [];

Report.Results(holds, orders, routing);
if (lastApiOrders?.MeasuredJit is { } jit)
    Console.WriteLine($"RESULT jit orders_methods_s={jit.Methods:F0} orders_jit_s_per_s={jit.Seconds:F2}");
Report.Others(sync, options.SyncLines, atp, atpPaced, options.AtpRate, options.AtpSkus, footprint);
if (forecast is { } f)
    Console.WriteLine($"RESULT forecast single_ms={f.SingleMs:F1} network_ms={f.NetworkMs:F1} single_api_cpu_ms={f.SingleApiCpuMs:F1} " +
                      $"network_api_cpu_ms={f.NetworkApiCpuMs:F1} single_pg_cpu_ms={f.SinglePgCpuMs:F1} network_pg_cpu_ms={f.NetworkPgCpuMs:F1} load=\"{ForecastLoad()}\"");
var failed = holds.Any(r => r.Api.Errors > 0 || r.Raw.Errors > 0 || r.Api.Ops == 0 || r.Raw.Ops == 0)
             || orders is { Result: var o } && (o.Errors > 0 || o.Ops == 0)
             || new[] { sync, atp, atpPaced }.Any(p => p is not null && (p.Errors > 0 || p.Ops == 0));
if (failed) Console.Error.WriteLine("FAILED: some holds, orders, syncs or availability queries did not succeed (see the errors above).");
return failed ? 1 : 0;

async Task<List<(string, PhaseResult, PhaseResult)>> RunHoldsAsync(BenchApi api, ResourceProbe probe)
{
    // The raw clients hold one connection each.
    await using var raw = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(options.PgConnection)
        { MaxPoolSize = options.Clients, MinPoolSize = 0, ApplicationName = "bench-raw" }.ConnectionString);
    var apiHolds = lastApiHolds = new ApiHolds(api, options);
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

async Task<(Network, NetworkSetup, PhaseResult)> RunOrdersAsync(BenchApi api, ResourceProbe probe)
{
    var network = new Network(options.Locations, options.Products);
    Console.WriteLine();
    Console.WriteLine($"Setting up {network.Locations.Count} locations, {network.Skus} products and {network.StockLines} stock lines through the API " +
                      $"({options.SetupParallel} requests at a time); then {options.Clients} clients place delivery orders, " +
                      $"{options.OrderWarmupSeconds:0.#} s warm-up, {options.OrderSeconds:0.#} s measured...");
    var apiOrders = lastApiOrders = new ApiOrders(api, network);
    var setup = await apiOrders.SetUpAsync(options.SetupParallel);
    Console.WriteLine($"  set up in {setup.Seconds:F1} s; warming up...");
    var result = await apiOrders.RunAsync(options, probe);
    Report.Orders(network, setup, result, apiOrders);
    return (network, setup, result);
}

/// <summary>--webhook: the hold loads again (same set-up, same clients) in rounds that alternate between no subscription and
/// one receiver subscribed to * (every event goes out while they run), then the order load once more with the receiver;
/// prints both figures side by side and the delivery lag (goal: within 10 %, lag p99 under 2 s).</summary>
async Task RunWithWebhookAsync(BenchApi api, ResourceProbe probe, ApiHolds? apiHolds, ApiOrders? apiOrders)
{
    Console.WriteLine();
    Console.WriteLine("== the same loads again, with one webhook receiver subscribed to *");
    await using var sink = WebhookSink.Start(api, options.WebhookBatch);
    var compared = new List<string>();
    if (apiHolds is not null)
        foreach (var (variant, _, _) in holds)
        {
            // Without and with the receiver in alternating rounds, like the API and the raw ceiling: both see the same
            // background and the same database (which grows as the run goes on). Each "with" slice subscribes the receiver
            // first (the subscription starts at the newest event) and afterwards waits until it has caught up and
            // unsubscribes it, so no delivery runs into the next "without" slice and every event's lag is counted.
            Contender[] contenders =
            [
                new("API without webhook", "holds/s", options.WarmupSeconds, _ => Task.FromResult(apiHolds.Client())),
                // Warmed up like the other (with the receiver): the dispatcher's code is compiled by then, as in a service
                // that has run for a while (a first "with" slice measured cold spent 2.7 s of the API's CPU on JIT, profiled).
                new("API with webhook", "holds/s", options.WarmupSeconds, _ => Task.FromResult(apiHolds.Client()))
                    { BeforeSlice = sink.SubscribeAsync, AfterSlice = sink.CatchUpAndUnsubscribeAsync },
            ];
            var results = await LoadRunner.RunAsync(options, variant == "hot", contenders, probe);
            Report.Variant($"{variant} without and with webhook", "alternating rounds; with: every event delivered to one receiver", results);
            compared.Add(Compare(variant, results[0], results[1], "holds_s"));
        }
    if (apiOrders is not null && orders is var (_, withoutOrders))
    {
        // Orders: the order load once more with the receiver, after the holds (the "without" figure is the order part's).
        await sink.SubscribeAsync();
        var with = await apiOrders.RunAsync(options, probe);
        await sink.CatchUpAndUnsubscribeAsync();
        Report.Variant("orders with webhook", "every event delivered to one receiver", [with]);
        compared.Add(Compare("orders", withoutOrders, with, "orders_s"));
    }
    sink.Report();
    foreach (var line in compared) Console.WriteLine(line);

    static string Compare(string what, PhaseResult without, PhaseResult with, string unit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"RESULT webhook_{what} without_{unit}={without.PerSecond:F1} with_{unit}={with.PerSecond:F1} change_pct={100 * (with.PerSecond / without.PerSecond - 1):F1} " +
            $"without_p99_ms={without.P99Ms:F2} with_p99_ms={with.P99Ms:F2} with_errors={with.Errors}");
}

async Task<PhaseResult> RunSyncAsync(BenchApi api, ResourceProbe probe, Network network)
{
    var load = new SyncLoad(api, network, options.SyncClients, options.SyncLines);
    Console.WriteLine();
    Console.WriteLine($"== sync: {load.Clients} clients each POST /stock/sync with batches of {load.BatchLines} lines (own location per line, half of them " +
                      $"changing) over the {network.StockLines} stock lines; 5 s warm-up, {options.SyncSeconds:0.#} s measured");
    var result = await MeasureAsync("API", "syncs/s", "sync", load.Clients, options.SyncSeconds, (client, _) => load.SendAsync(client), probe);
    Report.Load(result, $"{result.PerSecond * load.BatchLines:F0} lines/s");
    return result;
}

async Task<PhaseResult> RunAtpAsync(BenchApi api, ResourceProbe probe, Network network)
{
    var load = new AtpLoad(api, network, options.AtpSkus);
    Console.WriteLine();
    Console.WriteLine($"== atp: {options.AtpClients} clients each POST /availability/query for {load.SkusPerRequest} SKUs of the catalogue with a point; " +
                      $"5 s warm-up, {options.AtpSeconds:0.#} s measured");
    var result = await MeasureAsync("API", "queries/s", "query", options.AtpClients, options.AtpSeconds, (_, random) => load.SendAsync(random), probe);
    Report.Load(result, $"{result.PerSecond * load.SkusPerRequest:F0} SKU answers/s");
    return result;
}

/// <summary>The same queries offered at a fixed rate (--atp-rate, default 400 requests/s: the issue's 20,000 SKU answers/s),
/// by the same number of clients: the latency a listing page sees when the service is asked for that much, counted from when
/// each query was due. The closed loop before it measures the most the service does, and its latency at that saturation.</summary>
async Task<PhaseResult> RunAtpPacedAsync(BenchApi api, ResourceProbe probe, Network network)
{
    var load = new AtpLoad(api, network, options.AtpSkus);
    Console.WriteLine();
    Console.WriteLine($"== atp at an offered rate: {options.AtpRate:0.#} requests/s ({options.AtpRate * load.SkusPerRequest:F0} SKU answers/s) " +
                      $"from up to {options.AtpClients} clients, latency from when each was due; {options.AtpSeconds:0.#} s measured");
    var result = await MeasuredAsync("API", "queries/s", "query", options.AtpSeconds, probe,
        () => PacedLoop.DriveAsync(options.AtpClients, options.AtpRate, options.AtpSeconds, seed: 5_000, (_, random) => load.SendAsync(random)));
    Report.Load(result, $"{result.PerSecond * load.SkusPerRequest:F0} SKU answers/s at {options.AtpRate:0.#} offered");
    return result;
}

/// <summary>5 s of warm-up, a CHECKPOINT, then the measured closed loops with the resources they took.</summary>
async Task<PhaseResult> MeasureAsync(string name, string unit, string per, int clients, double seconds, Func<int, Random, Task<Outcome>> once,
    ResourceProbe probe)
{
    await ClosedLoop.DriveAsync(clients, 5, seed: 3_000, once);
    return await MeasuredAsync(name, unit, per, seconds, probe, () => ClosedLoop.DriveAsync(clients, seconds, seed: 4_000, once));
}

/// <summary>A CHECKPOINT, then <paramref name="drive"/> (the measured load) with the resources it took.</summary>
async Task<PhaseResult> MeasuredAsync(string name, string unit, string per, double seconds, ResourceProbe probe, Func<Task<ClosedLoop.Worker[]>> drive)
{
    await probe.CheckpointAsync();
    var before = await probe.SnapshotAsync();
    var workers = await drive();
    var after = await probe.SnapshotAsync();
    var tally = new ClosedLoop.Tally();
    tally.Add(workers, seconds, after.Minus(before, probe.ApiPid));
    return tally.Result(name, unit, per, apiMeasured: probe.ApiPid is not null);
}

/// <summary>Lines of the API's log with the retry warning of the transaction runner (deadlock or serialization victims).</summary>
static long? CountRetries(string? logFile) =>
    logFile is not null && File.Exists(logFile)
        ? File.ReadLines(logFile).LongCount(l => l.Contains("Retrying transaction", StringComparison.Ordinal))
        : null;

List<RoutingRow> RunRouting()
{
    var rows = RoutingBench.Run(options).ToList();
    Report.Routing(rows);
    return rows;
}

/// <summary>The machine's load averages (1, 5, 15 min) beside the forecast figures: the machine is shared, figures are noisy.</summary>
static string ForecastLoad() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
