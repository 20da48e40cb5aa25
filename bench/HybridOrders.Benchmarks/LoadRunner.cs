using System.Diagnostics;

namespace HybridOrders.Benchmarks;

/// <summary>One client of a load phase: performs one hold (or one raw transaction) per call and says whether it worked.</summary>
internal interface IHoldClient : IAsyncDisposable
{
    /// <summary>Holds one unit of <paramref name="sku"/>; returns null when it worked, else what went wrong.</summary>
    Task<string?> HoldOnceAsync(string sku, CancellationToken ct);
}

/// <summary>A way of holding stock that is measured: the API, or the raw ceiling.</summary>
internal sealed record Contender(string Name, string Unit, double WarmupSeconds, Func<int, Task<IHoldClient>> CreateClient);

/// <summary>What one contender achieved over all its measured slices.</summary>
internal sealed record PhaseResult(string Name, string Unit, double Seconds, long Ops, long Errors, IReadOnlyList<string> ErrorSamples,
    double P50Ms, double P99Ms, ResourceUse Use)
{
    public double PerSecond => Ops / Seconds;
}

/// <summary>Drives N clients in closed loops (each sends its next hold when its previous one has answered). Each contender
/// is warmed up, then the measured time is cut into rounds that alternate between the contenders (API, raw, API, raw...),
/// each slice after a CHECKPOINT: on a machine shared with other work, both then see the same background. The API and
/// the raw ceiling go through the same loop, SKU choice, clock and statistics.</summary>
internal static class LoadRunner
{
    public static async Task<IReadOnlyList<PhaseResult>> RunAsync(BenchOptions options, bool hot,
        IReadOnlyList<Contender> contenders, ResourceProbe probe)
    {
        var clients = new List<IHoldClient[]>();
        try
        {
            foreach (var contender in contenders)
                clients.Add(await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(contender.CreateClient)));
            for (var i = 0; i < contenders.Count; i++)
                if (contenders[i].WarmupSeconds > 0)
                    await DriveAsync(clients[i], options, hot, contenders[i].WarmupSeconds);

            var tallies = contenders.Select(_ => new Tally()).ToArray();
            var slice = options.Seconds / options.Rounds;
            for (var round = 0; round < options.Rounds; round++)
            {
                for (var i = 0; i < contenders.Count; i++)
                {
                    await probe.CheckpointAsync();
                    var before = await probe.SnapshotAsync();
                    var workers = await DriveAsync(clients[i], options, hot, slice);
                    var after = await probe.SnapshotAsync();
                    tallies[i].Add(workers, slice, after.Minus(before, probe.ApiPid));
                }
            }
            return contenders.Select((c, i) => tallies[i].Result(c, apiMeasured: probe.ApiPid is not null)).ToList();
        }
        finally
        {
            foreach (var client in clients.SelectMany(set => set)) await client.DisposeAsync();
        }
    }

    private sealed class Worker
    {
        public readonly List<long> LatencyTicks = new(capacity: 1 << 12);
        public readonly List<string> ErrorSamples = [];
        public long Errors;
    }

    private sealed class Tally
    {
        private readonly List<long> _latencies = [];
        private readonly List<string> _errorSamples = [];
        private long _errors;
        private double _seconds;
        private ResourceDelta _use = ResourceDelta.Zero;

        public void Add(IEnumerable<Worker> workers, double seconds, ResourceDelta use)
        {
            foreach (var w in workers)
            {
                _latencies.AddRange(w.LatencyTicks);
                _errors += w.Errors;
                _errorSamples.AddRange(w.ErrorSamples.Take(5 - _errorSamples.Count));
            }
            _seconds += seconds;
            _use = _use.Add(use);
        }

        public PhaseResult Result(Contender contender, bool apiMeasured)
        {
            var sorted = _latencies.ToArray();
            Array.Sort(sorted);
            return new PhaseResult(contender.Name, contender.Unit, _seconds, sorted.Length, _errors, _errorSamples,
                Percentile(sorted, 0.50), Percentile(sorted, 0.99), _use.PerOp(sorted.Length, apiMeasured));
        }
    }

    private static async Task<Worker[]> DriveAsync(IHoldClient[] clients, BenchOptions options, bool hot, double seconds)
    {
        var workers = clients.Select(_ => new Worker()).ToArray();
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var worker = workers[i];
            var random = new Random(i); // the same SKU sequence per client for every contender
            while (true)
            {
                var sku = options.Sku(hot ? 0 : random.Next(options.Skus));
                var sent = Stopwatch.GetTimestamp();
                if (sent >= end) break;
                string? error;
                try
                {
                    error = await client.HoldOnceAsync(sku, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    error = $"{ex.GetType().Name}: {ex.Message}";
                }
                var answered = Stopwatch.GetTimestamp();
                if (answered > end) break; // answered after the bell: neither counted nor timed
                if (error is null) worker.LatencyTicks.Add(answered - sent);
                else if (worker.Errors++ < 3) worker.ErrorSamples.Add(error);
            }
        })));
        return workers;
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN
            : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
}
