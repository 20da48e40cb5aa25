using System.Diagnostics;

namespace HybridOrders.Benchmarks;

/// <summary>One client of a load phase: performs one hold (or one raw transaction) per call and says whether it worked.</summary>
internal interface IHoldClient : IAsyncDisposable
{
    /// <summary>Holds one unit of <paramref name="sku"/>; returns null when it worked, else what went wrong.</summary>
    Task<string?> HoldOnceAsync(string sku, CancellationToken ct);
}

/// <summary>A way of holding stock that is measured: the API, or the raw ceiling (or the API with a webhook subscribed).
/// <see cref="BeforeSlice"/> and <see cref="AfterSlice"/> run around its warm-up and each of its measured slices, outside the timing and the
/// resource snapshots (e.g. subscribing a webhook receiver, and waiting for it to catch up and unsubscribing).</summary>
internal sealed record Contender(string Name, string Unit, double WarmupSeconds, Func<int, Task<IHoldClient>> CreateClient)
{
    public Func<Task>? BeforeSlice { get; init; }
    public Func<Task>? AfterSlice { get; init; }
}

/// <summary>What one operation of a load came to: done (timed), refused as the business rules may refuse it (counted
/// under its tag, not timed, not an error), or failed. A done operation may carry a tag too (e.g. the routing strategy).</summary>
internal readonly record struct Outcome(bool Done, string? Error, string? Tag)
{
    public static Outcome Success(string? tag = null) => new(true, null, tag);
    public static Outcome Refusal(string tag) => new(false, null, tag);
    public static Outcome Failure(string error) => new(false, error, null);
}

/// <summary>What one contender achieved over all its measured slices. <see cref="Tags"/> counts done and refused
/// operations by tag; <see cref="Per"/> names one operation in the report ("hold", "order").</summary>
internal sealed record PhaseResult(string Name, string Unit, string Per, double Seconds, long Ops, long Errors, IReadOnlyList<string> ErrorSamples,
    IReadOnlyDictionary<string, long> Tags, double P50Ms, double P99Ms, ResourceUse Use)
{
    public double PerSecond => Ops / Seconds;

    public long Tagged(string tag) => Tags.GetValueOrDefault(tag);
}

/// <summary>Drives N clients in closed loops: each sends its next operation when its previous one has answered. Only what
/// answered before the bell is counted; done operations are timed.</summary>
internal static class ClosedLoop
{
    public sealed class Worker
    {
        public readonly List<long> LatencyTicks = new(capacity: 1 << 12);
        public readonly List<string> ErrorSamples = [];
        public readonly Dictionary<string, long> Tags = new(StringComparer.Ordinal);
        public long Errors;

        /// <summary>Runs one operation and records it, timed from <paramref name="from"/>; false (nothing recorded) when it
        /// was answered after <paramref name="end"/>.</summary>
        public async Task<bool> TimeAsync(Func<Task<Outcome>> operation, long from, long end)
        {
            Outcome outcome;
            try
            {
                outcome = await operation();
            }
            catch (Exception ex)
            {
                outcome = Outcome.Failure($"{ex.GetType().Name}: {ex.Message}");
            }
            var answered = Stopwatch.GetTimestamp();
            if (answered > end) return false;
            if (outcome.Done) LatencyTicks.Add(answered - from);
            if (outcome.Tag is { } tag) Tags[tag] = Tags.GetValueOrDefault(tag) + 1;
            if (outcome.Error is { } error && Errors++ < 3) ErrorSamples.Add(error);
            return true;
        }
    }

    /// <summary>Client <c>i</c> draws from <c>new Random(seed + i)</c>: the same sequence for every run with that seed.</summary>
    public static async Task<Worker[]> DriveAsync(int clients, double seconds, int seed, Func<int, Random, Task<Outcome>> once)
    {
        var workers = Enumerable.Range(0, clients).Select(_ => new Worker()).ToArray();
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        await Task.WhenAll(workers.Select((worker, i) => Task.Run(async () =>
        {
            var random = new Random(seed + i);
            while (true)
            {
                var sent = Stopwatch.GetTimestamp();
                if (sent >= end) break;
                if (!await worker.TimeAsync(() => once(i, random), sent, end)) break; // answered after the bell: neither counted nor timed
            }
        })));
        return workers;
    }

    /// <summary>Adds up the workers of one or more measured slices.</summary>
    public sealed class Tally
    {
        private readonly List<long> _latencies = [];
        private readonly List<string> _errorSamples = [];
        private readonly Dictionary<string, long> _tags = new(StringComparer.Ordinal);
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
                foreach (var (tag, count) in w.Tags) _tags[tag] = _tags.GetValueOrDefault(tag) + count;
            }
            _seconds += seconds;
            _use = _use.Add(use);
        }

        public PhaseResult Result(string name, string unit, string per, bool apiMeasured)
        {
            var sorted = _latencies.ToArray();
            Array.Sort(sorted);
            return new PhaseResult(name, unit, per, _seconds, sorted.Length, _errors, _errorSamples, _tags,
                Percentile(sorted, 0.50) * 1000.0 / Stopwatch.Frequency, Percentile(sorted, 0.99) * 1000.0 / Stopwatch.Frequency,
                _use.PerOp(sorted.Length, apiMeasured));
        }
    }

    /// <summary>The nearest-rank percentile of sorted values (NaN when there are none).</summary>
    public static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>
/// Drives an open load at a fixed offered rate: operation k is due at start + k / rate (evenly spaced), and up to N clients
/// send them, each taking the next due operation when it is free. An operation's latency is counted from when it was DUE,
/// not from when a client got round to sending it, so a service that falls behind the rate shows it in the percentiles
/// (no coordinated omission: a closed loop, by contrast, slows its clients down to what the service does, and its latency
/// at saturation is mostly the queue its own clients make, N / throughput). Only what answered before the bell counts.
/// </summary>
internal static class PacedLoop
{
    public static async Task<ClosedLoop.Worker[]> DriveAsync(int clients, double rate, double seconds, int seed, Func<int, Random, Task<Outcome>> once)
    {
        var workers = Enumerable.Range(0, clients).Select(_ => new ClosedLoop.Worker()).ToArray();
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(seconds * Stopwatch.Frequency);
        var ticksPerOp = Stopwatch.Frequency / rate;
        long next = -1;
        await Task.WhenAll(workers.Select((worker, i) => Task.Run(async () =>
        {
            var random = new Random(seed + i);
            while (true)
            {
                var due = start + (long)(Interlocked.Increment(ref next) * ticksPerOp);
                if (due >= end) break;
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                if (!await worker.TimeAsync(() => once(i, random), due, end)) break;
            }
        })));
        return workers;
    }
}

/// <summary>The hold load: each contender is warmed up, then the measured time is cut into rounds that alternate between
/// the contenders (API, raw, API, raw...), each slice after a CHECKPOINT: on a machine shared with other work, both then
/// see the same background. The API and the raw ceiling go through the same loop, SKU choice, clock and statistics.</summary>
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
                {
                    if (contenders[i].BeforeSlice is { } beforeWarmup) await beforeWarmup();
                    await DriveAsync(clients[i], options, hot, contenders[i].WarmupSeconds);
                    if (contenders[i].AfterSlice is { } afterWarmup) await afterWarmup();
                }

            var tallies = contenders.Select(_ => new ClosedLoop.Tally()).ToArray();
            var slice = options.Seconds / options.Rounds;
            for (var round = 0; round < options.Rounds; round++)
            {
                for (var i = 0; i < contenders.Count; i++)
                {
                    if (contenders[i].BeforeSlice is { } beforeSlice) await beforeSlice();
                    await probe.CheckpointAsync();
                    var before = await probe.SnapshotAsync();
                    var workers = await DriveAsync(clients[i], options, hot, slice);
                    var after = await probe.SnapshotAsync();
                    tallies[i].Add(workers, slice, after.Minus(before, probe.ApiPid));
                    if (contenders[i].AfterSlice is { } afterSlice) await afterSlice();
                }
            }
            return contenders.Select((c, i) => tallies[i].Result(c.Name, c.Unit, "hold", apiMeasured: probe.ApiPid is not null)).ToList();
        }
        finally
        {
            foreach (var client in clients.SelectMany(set => set)) await client.DisposeAsync();
        }
    }

    /// <summary>The same SKU sequence per client (seed 0) for every contender.</summary>
    private static Task<ClosedLoop.Worker[]> DriveAsync(IHoldClient[] clients, BenchOptions options, bool hot, double seconds) =>
        ClosedLoop.DriveAsync(clients.Length, seconds, seed: 0, async (i, random) =>
            await clients[i].HoldOnceAsync(options.Sku(hot ? 0 : random.Next(options.Skus)), CancellationToken.None) is { } error
                ? Outcome.Failure(error)
                : Outcome.Success());
}
