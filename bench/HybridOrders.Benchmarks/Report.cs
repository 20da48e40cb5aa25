namespace HybridOrders.Benchmarks;

/// <summary>Prints the phases as they finish, then the comparison, then the figures in one compact line per variant.</summary>
internal static class Report
{
    public const double TargetRatio = 0.6;

    public static void Variant(string variant, string what, IEnumerable<PhaseResult> phases)
    {
        Console.WriteLine();
        Console.WriteLine($"== {variant}: {what}");
        foreach (var phase in phases) Phase(phase);
    }

    private static void Phase(PhaseResult r)
    {
        var u = r.Use;
        Console.WriteLine($"{r.Name,-4} {r.PerSecond,8:F1} {r.Unit,-7}  p50 {r.P50Ms:F2} ms  p99 {r.P99Ms:F2} ms  ({r.Ops} ok, {r.Errors} failed in {r.Seconds:0.#} s)");
        Console.WriteLine($"  CPU per hold: API {Ms(u.ApiCpuMsPerOp)}, PostgreSQL {Ms(u.PostgresCpuMsPerOp)}, bench client {Ms(u.ClientCpuMsPerOp)}, " +
                          $"other processes {Ms(u.OtherCpuMsPerOp)}; machine {u.MachineBusyPercent:F0}% busy");
        Console.WriteLine($"  round trips to PostgreSQL per hold (TCP data segments sent): {(double.IsNaN(u.ApiRoundTripsPerOp) ? "" : $"API {u.ApiRoundTripsPerOp:F2}, ")}bench client {u.ClientRoundTripsPerOp:F2}");
        Console.WriteLine($"  per hold: {u.CommitsPerOp:F2} commits, {u.WalFlushesPerOp:F3} WAL fsyncs (group commit: {1 / u.WalFlushesPerOp:F1} holds per fsync), {u.WalBytesPerOp:F0} WAL bytes");
        if (u.Statements.Count > 0)
        {
            Console.WriteLine($"  statements per hold ({u.Statements.Sum(s => s.CallsPerOp):F2} in all; mean server time each; text as pg_stat_statements first saw it):");
            foreach (var s in u.Statements.Take(12))
                Console.WriteLine($"    {s.CallsPerOp,5:F2} x {s.MeanMs,6:F3} ms  {OneLine(s.Query)}");
        }
        foreach (var e in r.ErrorSamples) Console.WriteLine($"  error: {e}");
    }

    public static void Summary(IReadOnlyList<(string Variant, PhaseResult Api, PhaseResult Raw)> results)
    {
        Console.WriteLine();
        foreach (var (variant, api, raw) in results)
        {
            var ratio = api.PerSecond / raw.PerSecond;
            Console.WriteLine($"{variant}: API {api.PerSecond:F1} holds/s vs raw {raw.PerSecond:F1} tx/s = ratio {ratio:F2} " +
                              $"({(ratio >= TargetRatio ? "meets" : "below")} the {TargetRatio} target); " +
                              $"latency API p50/p99 {api.P50Ms:F2}/{api.P99Ms:F2} ms, raw {raw.P50Ms:F2}/{raw.P99Ms:F2} ms");
        }
        foreach (var (variant, api, raw) in results)
            Console.WriteLine($"RESULT {variant} api_holds_s={api.PerSecond:F1} api_p50_ms={api.P50Ms:F2} api_p99_ms={api.P99Ms:F2} " +
                              $"raw_tx_s={raw.PerSecond:F1} raw_p50_ms={raw.P50Ms:F2} raw_p99_ms={raw.P99Ms:F2} ratio={api.PerSecond / raw.PerSecond:F2}");
    }

    private static string Ms(double value) => $"{value:F3} ms";

    private static string OneLine(string query)
    {
        var flat = string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 110 ? flat[..107] + "..." : flat;
    }
}
