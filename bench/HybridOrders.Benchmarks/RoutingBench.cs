using System.Diagnostics;
using System.Runtime.InteropServices;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Routing;

namespace HybridOrders.Benchmarks;

/// <summary>Latency of one routing decision (<see cref="Router.Route"/>) for one network size and kind of order, and
/// which strategies the router ended with (share of the calls, and their own median).</summary>
internal sealed record RoutingRow(int Locations, string Case, int Orders, int Iterations, double MeanCandidates,
    double P50Us, double P99Us, double MeanUs, double CpuP50Us, double CpuP99Us, double PreemptedShare, double CollectedShare,
    IReadOnlyList<(string Strategy, double Share, double P50Us)> Strategies);

/// <summary>
/// The routing decision alone, in process: <see cref="Router.Route"/> on the candidates PlaceOrder would hand it for
/// orders of the synthetic <see cref="Network"/> (every ship-from location holding any wanted SKU, with its stock of
/// those SKUs). As in the API, the candidates are built afresh for each call, just before it (untimed): a pool of
/// prepared candidates at 1,000 locations would take hundreds of megabytes and time the garbage collector instead.
/// Three cases per network size: <c>mixed</c> (orders as the shop gets them), <c>single</c> (one location has
/// everything) and <c>split</c> (none has: the pair search, and greedy when no pair will do). Only the call is timed,
/// its allocations and any garbage collection they cause included. Like the hold load, the measured calls are cut into
/// rounds that cycle through every size and case, so that on a shared machine each row sees the same background and the
/// growth from the smaller to the larger network is not one slice's luck. Besides the wall-clock latency (what the order
/// waits), each call's on-CPU time of its thread is taken (CLOCK_THREAD_CPUTIME_ID): on a machine shared with other work
/// the wall-clock tail is mostly the thread waiting for a core, which the on-CPU figure leaves out.
/// </summary>
internal static class RoutingBench
{
    public const string Mixed = "mixed", Single = "single", Split = "split";
    private const int PoolSize = 1_000;
    private const int MaxDrawn = 200_000;
    private const double WarmupSeconds = 1;

    private sealed record Prepared(NetworkOrder Order, IReadOnlyList<StockQuantity> Lines);

    private sealed class Series(Network network, string name, List<Prepared> pool)
    {
        public readonly List<long> Ticks = [];
        public readonly List<long> CpuNs = [];
        public long Preempted;
        public long Collected;
        public readonly Dictionary<string, List<long>> ByStrategy = new(StringComparer.Ordinal);
        public long Candidates;
        public Network Network => network;
        public string Name => name;
        public List<Prepared> Pool => pool;

        /// <summary>Routes the <paramref name="index"/>-th order of the pool (round-robin); times the call when asked.</summary>
        public void Route(int index, bool timed)
        {
            var p = pool[index % pool.Count];
            var candidates = network.Candidates(p.Order);
            var switches = ThreadClock.InvoluntarySwitches();
            var collections = GC.CollectionCount(0);
            var cpu = ThreadClock.CpuNs();
            var started = Stopwatch.GetTimestamp();
            var plan = Router.Route(p.Lines, p.Order.Destination, candidates);
            var ticks = Stopwatch.GetTimestamp() - started;
            var cpuNs = ThreadClock.CpuNs() - cpu;
            if (!timed) return;
            if (ThreadClock.InvoluntarySwitches() > switches) Preempted++;
            if (GC.CollectionCount(0) > collections) Collected++;
            Ticks.Add(ticks);
            CpuNs.Add(cpuNs);
            Candidates += candidates.Count;
            (CollectionsMarshal.GetValueRefOrAddDefault(ByStrategy, plan?.Strategy ?? "none", out _) ??= []).Add(ticks);
        }
    }

    public static IReadOnlyList<RoutingRow> Run(BenchOptions options)
    {
        var series = options.RoutingLocations.SelectMany(Pools).ToList();
        foreach (var s in series) WarmUp(s);
        for (var round = 0; round < options.Rounds; round++)
            foreach (var s in series)
                Measure(s, (int)Math.Ceiling((double)options.RoutingIterations / options.Rounds), options.RoutingSeconds / options.Rounds);
        return series.Select(Row).ToList();

        IEnumerable<Series> Pools(int size)
        {
            var network = new Network(size, options.Products);
            var pools = new Dictionary<string, List<Prepared>> { [Mixed] = [], [Single] = [], [Split] = [] };
            var random = new Random(7);
            for (var drawn = 0; drawn < MaxDrawn && pools.Values.Any(p => p.Count < PoolSize); drawn++)
            {
                var order = network.RandomOrder(random);
                var wanted = new[] { Mixed, network.OneLocationHasAll(order) ? Single : Split }.Where(c => pools[c].Count < PoolSize).ToList();
                if (wanted.Count == 0) continue;
                foreach (var c in wanted) pools[c].Add(new Prepared(order, Network.Lines(order)));
            }
            return pools.Where(p => p.Value.Count > 0).Select(p => new Series(network, p.Key, p.Value));
        }
    }

    /// <summary>Round-robin over the pool, unmeasured, until the JIT has reached its steady code.</summary>
    private static void WarmUp(Series s)
    {
        var end = Stopwatch.GetTimestamp() + (long)(WarmupSeconds * Stopwatch.Frequency);
        for (var i = 0; Stopwatch.GetTimestamp() < end; i++) s.Route(i, timed: false);
    }

    /// <summary>One slice: round-robin over the pool where the previous slice stopped, each call timed, until the
    /// iterations are done or the time is up (building the candidates counts against the time, not the latency).</summary>
    private static void Measure(Series s, int iterations, double seconds)
    {
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        for (var done = 0; done < iterations && Stopwatch.GetTimestamp() < end; done++) s.Route(s.Ticks.Count, timed: true);
    }

    private static RoutingRow Row(Series s)
    {
        static long[] Sorted(List<long> ticks)
        {
            var sorted = ticks.ToArray();
            Array.Sort(sorted);
            return sorted;
        }
        static double Us(double t) => t * 1_000_000.0 / Stopwatch.Frequency;
        var all = Sorted(s.Ticks);
        var cpu = Sorted(s.CpuNs);
        return new RoutingRow(s.Network.Locations.Count, s.Name, Math.Min(all.Length, s.Pool.Count), all.Length,
            all.Length == 0 ? double.NaN : (double)s.Candidates / all.Length,
            Us(ClosedLoop.Percentile(all, 0.50)), Us(ClosedLoop.Percentile(all, 0.99)), all.Length == 0 ? double.NaN : Us(all.Average()),
            ClosedLoop.Percentile(cpu, 0.50) / 1000, ClosedLoop.Percentile(cpu, 0.99) / 1000, all.Length == 0 ? double.NaN : (double)s.Preempted / all.Length,
            all.Length == 0 ? double.NaN : (double)s.Collected / all.Length,
            s.ByStrategy.OrderByDescending(b => b.Value.Count)
                .Select(b => (b.Key, (double)b.Value.Count / all.Length, Us(ClosedLoop.Percentile(Sorted(b.Value), 0.50)))).ToList());
    }
}

/// <summary>The calling thread's own CPU time and involuntary context switches (Linux; zero elsewhere).</summary>
internal static class ThreadClock
{
    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID
    private const int RusageThread = 1; // RUSAGE_THREAD

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds, UserMicros, SystemSeconds, SystemMicros;
        public long MaxRss, Ixrss, Idrss, Isrss, MinorFaults, MajorFaults, Swaps, BlocksIn, BlocksOut, MessagesSent, MessagesReceived, Signals;
        public long VoluntarySwitches, InvoluntarySwitches;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, out RUsage usage);

    private static readonly bool Linux = OperatingSystem.IsLinux();

    public static long CpuNs() => Linux && ClockGetTime(ClockThreadCpuTime, out var t) == 0 ? t.Seconds * 1_000_000_000 + t.Nanoseconds : 0;

    public static long InvoluntarySwitches() => Linux && GetRUsage(RusageThread, out var u) == 0 ? u.InvoluntarySwitches : 0;
}
