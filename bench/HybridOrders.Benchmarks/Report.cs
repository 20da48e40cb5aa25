using HybridOrders.Domain.Routing;

namespace HybridOrders.Benchmarks;

/// <summary>Prints the phases as they finish, then the comparisons, then the figures in compact <c>RESULT</c> lines.</summary>
internal static class Report
{
    /// <summary>Issue 12's targets: holds at 0.6 of the raw ceiling with each hold on its own SKU (spread), 0.7 on one hot row.</summary>
    public static double TargetRatio(string variant) => variant == "hot" ? 0.7 : 0.6;

    public static void Variant(string variant, string what, IEnumerable<PhaseResult> phases)
    {
        Console.WriteLine();
        Console.WriteLine($"== {variant}: {what}");
        foreach (var phase in phases) Phase(phase);
    }

    private static void Phase(PhaseResult r)
    {
        var u = r.Use;
        var per = r.Per;
        Console.WriteLine($"{r.Name,-4} {r.PerSecond,8:F1} {r.Unit,-7}  p50 {r.P50Ms:F2} ms  p99 {r.P99Ms:F2} ms  ({r.Ops} ok, {r.Errors} failed in {r.Seconds:0.#} s)");
        Console.WriteLine($"  CPU per {per}: API {Ms(u.ApiCpuMsPerOp)}, PostgreSQL {Ms(u.PostgresCpuMsPerOp)}, bench client {Ms(u.ClientCpuMsPerOp)}, " +
                          $"other processes {Ms(u.OtherCpuMsPerOp)}; machine {u.MachineBusyPercent:F0}% busy");
        Console.WriteLine($"  round trips to PostgreSQL per {per} (TCP data segments sent): {(double.IsNaN(u.ApiRoundTripsPerOp) ? "" : $"API {u.ApiRoundTripsPerOp:F2}, ")}bench client {u.ClientRoundTripsPerOp:F2}");
        Console.WriteLine($"  per {per}: {u.CommitsPerOp:F2} commits, {u.WalFlushesPerOp:F3} WAL fsyncs (group commit: {1 / u.WalFlushesPerOp:F1} {per}s per fsync), {u.WalBytesPerOp:F0} WAL bytes");
        if (u.Statements.Count > 0)
        {
            Console.WriteLine($"  statements per {per} ({u.Statements.Sum(s => s.CallsPerOp):F2} in all; mean server time each, planning included; text as pg_stat_statements first saw it):");
            foreach (var s in u.Statements.Take(12))
                Console.WriteLine($"    {s.CallsPerOp,5:F2} x {s.MeanMs,6:F3} ms  {OneLine(s.Query)}");
        }
        foreach (var e in r.ErrorSamples) Console.WriteLine($"  error: {e}");
    }

    public static void Summary(IReadOnlyList<(string Variant, PhaseResult Api, PhaseResult Raw)> results)
    {
        if (results.Count == 0) return;
        Console.WriteLine();
        foreach (var (variant, api, raw) in results)
        {
            var ratio = api.PerSecond / raw.PerSecond;
            Console.WriteLine($"{variant}: API {api.PerSecond:F1} holds/s vs raw {raw.PerSecond:F1} tx/s = ratio {ratio:F2} " +
                              $"({(ratio >= TargetRatio(variant) ? "meets" : "below")} the {TargetRatio(variant)} target); " +
                              $"latency API p50/p99 {api.P50Ms:F2}/{api.P99Ms:F2} ms, raw {raw.P50Ms:F2}/{raw.P99Ms:F2} ms");
        }
    }

    public static void Orders(Network network, NetworkSetup setup, PhaseResult r, ApiOrders orders)
    {
        Console.WriteLine();
        Console.WriteLine($"== orders: delivery orders of 1-5 lines over {network.Locations.Count} locations " +
                          $"({network.Locations.Count(l => l.ShipFromEnabled)} shipping) and {network.Skus} SKUs");
        Console.WriteLine($"setup through the API: {setup.Seconds:F1} s ({setup.Locations} locations {setup.LocationsSeconds:F1} s, " +
                          $"{setup.Products} products {setup.ProductsSeconds:F1} s, {setup.StockLines} stock lines in {setup.Syncs} syncs " +
                          $"{setup.StockSeconds:F1} s = {setup.StockLines / setup.StockSeconds:F0} lines/s)");
        Phase(r);
        Console.WriteLine($"  placed (201): {r.Ops} = {Share(r, RoutingStrategy.SingleLocation)} from one location, " +
                          $"{Share(r, RoutingStrategy.SplitPair)} split over two, {Share(r, RoutingStrategy.SplitGreedy)} split greedily; " +
                          $"refused 409 {ApiOrders.InsufficientStock}: {r.Tagged(ApiOrders.InsufficientStock)}; other answers (errors): {r.Errors}");
        Console.WriteLine($"  orders with a fulfilment from the warehouse: {100 * orders.WarehouseShare:F1}%; order responses: " +
                          $"{orders.MeanResponseBytes / 1024:F1} KiB on average (each fulfilment shows the chosen locations and the ten nearest others)");
        if (orders.MeasuredJit is { } jit)
            Console.WriteLine($"  the API's JIT meanwhile: {jit.Methods:F0} methods compiled per second, {jit.Seconds:F2} s compiling per second " +
                              "(0 once tiered compilation is done; more means the figure is of code still tiering up)");
    }

    public static void Routing(IReadOnlyList<RoutingRow> rows)
    {
        Console.WriteLine();
        Console.WriteLine("== routing: Router.Route alone, in process, on the candidates PlaceOrder would build (ship-from locations holding any wanted SKU)");
        Console.WriteLine("(wall clock; 'cpu' = the thread's own CPU time in the call; 'preempted' = calls during which the thread lost its core; 'gc' = calls during which a garbage collection ran)");
        Console.WriteLine($"{"locations",9} {"case",-6} {"orders",6} {"candidates",10} {"calls",6} {"p50 us",9} {"p99 us",9} {"mean us",9} {"cpu p50",8} {"cpu p99",8} {"preempted",9} {"gc",6}  strategies (share, p50 us)");
        foreach (var r in rows)
            Console.WriteLine($"{r.Locations,9} {r.Case,-6} {r.Orders,6} {r.MeanCandidates,10:F1} {r.Iterations,6} {r.P50Us,9:F1} {r.P99Us,9:F1} {r.MeanUs,9:F1} " +
                              $"{r.CpuP50Us,8:F1} {r.CpuP99Us,8:F1} {100 * r.PreemptedShare,8:F1}% {100 * r.CollectedShare,5:F1}%  " +
                              string.Join(", ", r.Strategies.Select(s => $"{s.Strategy} {100 * s.Share:F1}% {s.P50Us:F0}")));
        foreach (var (small, large) in Growths(rows))
            Console.WriteLine($"growth {large.Locations} vs {small.Locations} locations, {large.Case}: p50 x{large.P50Us / small.P50Us:F1}, " +
                              $"p99 x{large.P99Us / small.P99Us:F1}, mean x{large.MeanUs / small.MeanUs:F1}, on-CPU p99 x{large.CpuP99Us / small.CpuP99Us:F1} " +
                              $"(candidates x{large.MeanCandidates / small.MeanCandidates:F1})");
    }

    /// <summary>A load of sync batches or availability queries: the phase as for holds, and its throughput in lines or SKUs.</summary>
    public static void Load(PhaseResult r, string throughput)
    {
        Phase(r);
        Console.WriteLine($"  = {throughput}");
    }

    /// <summary>The compact lines of the parts added later: sync, atp, and the API's memory and deadlock count after holds and orders.</summary>
    public static void Others(PhaseResult? sync, int syncLines, PhaseResult? atp, PhaseResult? atpPaced, double atpRate, int atpSkus, ApiFootprint? footprint)
    {
        if (sync is { } s)
            Console.WriteLine($"RESULT sync lines_s={s.PerSecond * syncLines:F0} p50_ms={s.P50Ms:F1} p99_ms={s.P99Ms:F1} " +
                              $"batches={s.Ops} batch_lines={syncLines} errors={s.Errors}");
        if (atp is { } a)
            Console.WriteLine($"RESULT atp skus_s={a.PerSecond * atpSkus:F0} p50_ms={a.P50Ms:F2} p99_ms={a.P99Ms:F2} " +
                              $"requests_s={a.PerSecond:F1} skus_per_request={atpSkus} errors={a.Errors}");
        if (atpPaced is { } ap)
            Console.WriteLine($"RESULT atp_paced offered_requests_s={atpRate:0.#} requests_s={ap.PerSecond:F1} skus_s={ap.PerSecond * atpSkus:F0} " +
                              $"p50_ms={ap.P50Ms:F2} p99_ms={ap.P99Ms:F2} skus_per_request={atpSkus} errors={ap.Errors}");
        if (footprint is { } f)
        {
            Console.WriteLine($"RESULT memory api_rss_mb={f.RssMb:F0} api_peak_rss_mb={f.PeakRssMb:F0}");
            // One line per run: the hold and order loads without the webhook, and (--webhook) the same loads with it.
            var webhook = f.WebhookPgDeadlocks is { } wd
                ? $" webhook_pg_deadlocks={wd} webhook_api_retries={(f.WebhookApiRetries is { } wr ? wr.ToString() : "unknown")}"
                : "";
            Console.WriteLine($"RESULT deadlocks pg_deadlocks={f.PgDeadlocks} api_retries={(f.ApiRetries is { } n ? n.ToString() : "unknown")}{webhook}");
        }
    }

    /// <summary>The compact lines the run ends with: one per hold variant, one for orders, one per routing size and growth.</summary>
    public static void Results(IReadOnlyList<(string Variant, PhaseResult Api, PhaseResult Raw)> holds,
        (NetworkSetup Setup, PhaseResult Result)? orders, IReadOnlyList<RoutingRow> routing)
    {
        Console.WriteLine();
        foreach (var (variant, api, raw) in holds)
            Console.WriteLine($"RESULT {variant} api_holds_s={api.PerSecond:F1} api_p50_ms={api.P50Ms:F2} api_p99_ms={api.P99Ms:F2} " +
                              $"raw_tx_s={raw.PerSecond:F1} raw_p50_ms={raw.P50Ms:F2} raw_p99_ms={raw.P99Ms:F2} ratio={api.PerSecond / raw.PerSecond:F2}");
        if (orders is var (setup, r))
            Console.WriteLine($"RESULT orders orders_s={r.PerSecond:F1} p50_ms={r.P50Ms:F2} p99_ms={r.P99Ms:F2} " +
                              $"split_share={(double)(r.Tagged(RoutingStrategy.SplitPair) + r.Tagged(RoutingStrategy.SplitGreedy)) / r.Ops:F3} " +
                              $"placed={r.Ops} insufficient_stock={r.Tagged(ApiOrders.InsufficientStock)} errors={r.Errors} setup_s={setup.Seconds:F1}");
        foreach (var size in routing.GroupBy(r => r.Locations))
            Console.WriteLine($"RESULT routing locations={size.Key} " + string.Join(' ', size.Select(r => $"{r.Case}_p50_us={r.P50Us:F1} {r.Case}_p99_us={r.P99Us:F1}"))
                              + " " + string.Join(' ', size.Select(r => $"{r.Case}_cpu_p99_us={r.CpuP99Us:F1}")));
        foreach (var (small, large) in Growths(routing))
            Console.WriteLine($"RESULT routing growth_{large.Locations}_vs_{small.Locations} case={large.Case} p50_x={large.P50Us / small.P50Us:F1} p99_x={large.P99Us / small.P99Us:F1} " +
                              $"cpu_p99_x={large.CpuP99Us / small.CpuP99Us:F1}");
    }

    /// <summary>Each case at every larger size against the smallest size measured.</summary>
    private static IEnumerable<(RoutingRow Small, RoutingRow Large)> Growths(IReadOnlyList<RoutingRow> rows) =>
        from small in rows
        where small.Locations == rows.Min(r => r.Locations)
        from large in rows
        where large.Case == small.Case && large.Locations > small.Locations
        select (small, large);

    private static string Share(PhaseResult r, string tag) => r.Ops == 0 ? "-" : $"{100.0 * r.Tagged(tag) / r.Ops:F1}%";

    private static string Ms(double value) => $"{value:F3} ms";

    private static string OneLine(string query)
    {
        var flat = string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 110 ? flat[..107] + "..." : flat;
    }
}

/// <summary>The API process after the hold and order loads: its resident memory now and at its peak, deadlocks PostgreSQL
/// counted meanwhile (pg_stat_database), and the API's "Retrying transaction" warnings (null: no log to count).</summary>
internal sealed record ApiFootprint(double RssMb, double PeakRssMb, long PgDeadlocks, long? ApiRetries)
{
    /// <summary>--webhook: the same counts during the loads with the webhook receiver.</summary>
    public long? WebhookPgDeadlocks { get; init; }
    public long? WebhookApiRetries { get; init; }
}
