using System.Buffers;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;

namespace HybridOrders.Domain.Routing;

/// <summary>A location the router may take stock from, with what it can promise of each SKU that is asked for.</summary>
public sealed record RoutingCandidate(string LocationCode, GeoPoint Position, IReadOnlyDictionary<string, int> Available);

/// <summary>What one origin location sends.</summary>
public sealed record Allocation(string LocationCode, double DistanceKm, IReadOnlyList<StockQuantity> Lines);

/// <summary>Why each candidate was or was not chosen: stored with every fulfilment so logistics staff can question a route.</summary>
public sealed record CandidateDecision(string LocationCode, double DistanceKm, bool CanFulfilAll, bool Chosen, string Reason);

public static class RoutingStrategy
{
    /// <summary>A till sale: the store itself, nothing to route.</summary>
    public const string InStore = "in_store";

    public const string SingleLocation = "nearest_single_location";
    public const string SplitPair = "split_two_locations";
    public const string SplitGreedy = "split_greedy_nearest";
}

/// <summary>A routing plan: one allocation per origin, and the decision record.</summary>
public sealed record RoutingPlan(string Strategy, IReadOnlyList<Allocation> Allocations, IReadOnlyList<CandidateDecision> Candidates);

/// <summary>
/// The fulfilment router. Pure: it sees a snapshot of availability and proposes a plan; the stock ledger then reserves it
/// atomically, and a plan overtaken by a concurrent order is routed again on fresh figures.
/// <list type="number">
/// <item>The nearest candidate that can send the whole order wins (ties: location code, ordinal).</item>
/// <item>Otherwise the order is split over as few locations as possible: the best pair is found exactly (fewest locations,
/// then least total distance; ties: the pair whose nearer, then farther, member ranks first); beyond two, greedily,
/// nearest location that covers most of what is left first.</item>
/// <item>Nothing, when the candidates together cannot cover the order.</item>
/// </list>
/// Per call, what does not change while the plan is sought is worked out once: the order's lines as arrays, each
/// candidate's distance and its availability of each line (one flat array, no dictionary look-ups in the searches), and
/// the reasons of the decision record. The per-candidate working arrays (ranks, distances, availabilities) are rented from
/// the shared array pool and given back when the plan is made: of what a call leaves to the garbage collector, only the
/// plan's decision record (and the rare greedy step's flags) grows with the candidates.
/// </summary>
public static class Router
{
    private const string NoneOfTheItems = "has none of the items";
    private const string NotWholeOrder = "cannot send the whole order";
    private const string NotNeeded = "not needed: the chosen locations cover the order with fewer stops or less distance";

    public static RoutingPlan? Route(IReadOnlyList<StockQuantity> lines, GeoPoint destination, IEnumerable<RoutingCandidate> candidates)
    {
        using var order = new OrderView(StockQuantity.Normalize(lines), candidates as IReadOnlyList<RoutingCandidate> ?? candidates.ToList(), destination);

        var single = order.FirstThatCoversAll();
        if (single >= 0)
            return order.Plan(RoutingStrategy.SingleLocation, [single], "nearest location that can send the whole order");

        if (!order.UsefulCanCover()) return null;

        if (order.BestPair() is { } pair)
            return order.Plan(RoutingStrategy.SplitPair, [pair.Near, pair.Far], "fewest locations (two), then least total distance");

        return order.Plan(RoutingStrategy.SplitGreedy, order.Greedy(),
            "no one or two locations can send it all: nearest location covering most of what is left, repeated");
    }

    /// <summary>One candidate, ranked, with what the searches ask of it: its index in the caller's list (no reference, so
    /// a pooled array of these keeps nothing alive), its distance, and whether it is in the plan.</summary>
    private struct Ranked
    {
        public int Index;
        public bool CanFulfilAll; // the flags beside the index: 16 bytes in all
        public bool Useful;
        public bool Chosen;
        public double DistanceKm;
    }

    /// <summary>One order against its candidates, ranked nearest first (ties: location code, ordinal). Candidates are
    /// referred to by their rank; <c>_available[rank * lines + line]</c> is what that candidate can promise of that line.
    /// The arrays are rented (longer than needed): <c>_count</c> and <c>_usefulCount</c> say how much of them is the order's.</summary>
    private sealed class OrderView : IDisposable
    {
        private readonly IReadOnlyList<StockQuantity> _wanted;
        private readonly IReadOnlyList<RoutingCandidate> _candidates;
        private readonly int[] _quantity;
        private readonly Ranked[] _ranked;
        private readonly int[] _available;
        private readonly int[] _useful; // ranks of the candidates with any wanted SKU, nearest first
        private readonly int _lines;
        private readonly int _count;
        private readonly int _usefulCount;

        public OrderView(IReadOnlyList<StockQuantity> wanted, IReadOnlyList<RoutingCandidate> candidates, GeoPoint destination)
        {
            _wanted = wanted;
            _candidates = candidates;
            _lines = wanted.Count;
            _quantity = new int[_lines];
            for (var l = 0; l < _lines; l++) _quantity[l] = wanted[l].Quantity;

            // Distances first (the destination's side of the haversine once). They are rounded to the metre, so each is a whole
            // number of metres below 2^25 (half the equator): sorted as one 64-bit key, metres above the candidate's index, it
            // is a sort of plain numbers with nothing alongside. Only runs of equal distance are then put in location-code order.
            var count = _count = candidates.Count;
            var distance = ArrayPool<double>.Shared.Rent(count); // by the caller's index
            var key = ArrayPool<ulong>.Shared.Rent(count);
            var index = ArrayPool<int>.Shared.Rent(count); // by rank
            var cosDestination = destination.CosOfLatitude;
            for (var i = 0; i < count; i++)
            {
                var position = candidates[i].Position;
                var km = distance[i] = Math.Round(GeoPoint.DistanceKm(position, position.CosOfLatitude, destination, cosDestination), 3);
                key[i] = (ulong)Math.Round(km * 1000) << 32 | (uint)i;
            }
            Array.Sort(key, 0, count);
            for (var r = 0; r < count; r++) index[r] = (int)(uint)key[r];
            for (var start = 0; start < count;)
            {
                var end = start + 1;
                while (end < count && key[end] >> 32 == key[start] >> 32) end++;
                if (end - start > 1)
                    Array.Sort(index, start, end - start, Comparer<int>.Create((x, y) =>
                        string.CompareOrdinal(candidates[x].LocationCode, candidates[y].LocationCode)));
                start = end;
            }
            ArrayPool<ulong>.Shared.Return(key);

            // Then, in rank order, what each can promise of each line.
            _ranked = ArrayPool<Ranked>.Shared.Rent(count);
            _available = ArrayPool<int>.Shared.Rent(count * _lines);
            Array.Clear(_available, 0, count * _lines); // Fill writes only the lines a candidate holds
            var useful = 0;
            for (var r = 0; r < count; r++)
            {
                var c = candidates[index[r]];
                Fill(c.Available, _available.AsSpan(r * _lines, _lines));
                bool all = true, any = false;
                for (var l = 0; l < _lines; l++)
                {
                    var a = _available[r * _lines + l];
                    all &= a >= _quantity[l];
                    any |= a > 0;
                }
                _ranked[r] = new Ranked { Index = index[r], DistanceKm = distance[index[r]], CanFulfilAll = all, Useful = any };
                if (any) useful++;
            }
            ArrayPool<double>.Shared.Return(distance);
            ArrayPool<int>.Shared.Return(index);
            _usefulCount = useful;
            _useful = ArrayPool<int>.Shared.Rent(useful);
            for (int r = 0, u = 0; r < count; r++)
                if (_ranked[r].Useful) _useful[u++] = r;
        }

        public void Dispose()
        {
            ArrayPool<Ranked>.Shared.Return(_ranked);
            ArrayPool<int>.Shared.Return(_available);
            ArrayPool<int>.Shared.Return(_useful);
        }

        private ReadOnlySpan<int> Useful => _useful.AsSpan(0, _usefulCount);

        private string Code(int rank) => _candidates[_ranked[rank].Index].LocationCode;

        /// <summary>What a candidate can promise of each line (never below 0). A candidate usually holds few of the wanted SKUs:
        /// walking its few entries and matching them to the lines is cheaper than hashing every wanted SKU once per
        /// candidate. Only for a dictionary that compares SKUs as the router does (ordinal); any other is asked per line.</summary>
        private void Fill(IReadOnlyDictionary<string, int> stock, Span<int> row)
        {
            if (stock is Dictionary<string, int> d && d.Count <= 2 * _lines
                && (ReferenceEquals(d.Comparer, StringComparer.Ordinal) || ReferenceEquals(d.Comparer, EqualityComparer<string>.Default)))
            {
                foreach (var (sku, available) in d)
                    for (var l = 0; l < _lines; l++)
                        if (string.Equals(sku, _wanted[l].Sku, StringComparison.Ordinal))
                        {
                            row[l] = Math.Max(0, available);
                            break;
                        }
                return;
            }
            for (var l = 0; l < _lines; l++)
                row[l] = stock.TryGetValue(_wanted[l].Sku, out var v) ? Math.Max(0, v) : 0;
        }

        private int Available(int rank, int line) => _available[rank * _lines + line];

        public int FirstThatCoversAll()
        {
            for (var r = 0; r < _count; r++)
                if (_ranked[r].CanFulfilAll) return r;
            return -1;
        }

        public bool UsefulCanCover()
        {
            for (var l = 0; l < _lines; l++)
            {
                long sum = 0;
                foreach (var r in Useful) sum += Available(r, l);
                if (sum < _quantity[l]) return false;
            }
            return true;
        }

        /// <summary>
        /// The feasible pair of least total distance, exactly. A feasible pair holds some of every line, so it contains a
        /// holder of the scarcest line: only pairs (holder, any other useful candidate) are tried, holders nearest first,
        /// partners nearest first, and each loop stops once its distance alone is beyond the best pair so far. Ties in total
        /// distance go to the pair whose nearer member, then farther member, ranks first (as if every pair were tried in
        /// rank order).
        /// </summary>
        public (int Near, int Far)? BestPair()
        {
            var useful = Useful;
            if (useful.Length < 2) return null;
            var scarcest = 0;
            var fewest = int.MaxValue;
            for (var l = 0; l < _lines; l++)
            {
                var holders = 0;
                foreach (var r in useful)
                    if (Available(r, l) > 0) holders++;
                if (holders < fewest) (fewest, scarcest) = (holders, l);
            }

            // A partner has to send in full every line the holder has none of. For each such set of lines (a bit per line;
            // an order has few distinct ones) the positions of the useful candidates that can, nearest first, are listed
            // once: a holder's scan then skips the partners that cannot cover it without reading their rows. (Orders of
            // more than 64 lines skip nothing.)
            var full = ArrayPool<ulong>.Shared.Rent(useful.Length);
            var partners = new List<(ulong Need, int[] Positions, int Count)>();
            try
            {
                for (var u = 0; u < useful.Length; u++) full[u] = Mask(useful[u], needNone: false);

                int bestNear = -1, bestFar = -1; // positions in _useful
                var bestTotal = double.MaxValue;
                var nearestUseful = _ranked[useful[0]].DistanceKm;
                for (var h = 0; h < useful.Length; h++)
                {
                    var holder = useful[h];
                    if (Available(holder, scarcest) == 0) continue;
                    var holderKm = _ranked[holder].DistanceKm;
                    if (holderKm + nearestUseful > bestTotal) break; // every later holder is farther still
                    var (positions, count) = PartnersFor(Mask(holder, needNone: true));
                    for (var i = 0; i < count; i++)
                    {
                        var p = positions[i];
                        if (p == h) continue;
                        var partner = useful[p];
                        var total = holderKm + _ranked[partner].DistanceKm;
                        if (total > bestTotal) break;
                        if (!Covers(holder, partner)) continue;
                        var (near, far) = h < p ? (h, p) : (p, h);
                        if (total < bestTotal || (total == bestTotal && (near < bestNear || (near == bestNear && far < bestFar))))
                            (bestTotal, bestNear, bestFar) = (total, near, far);
                    }
                }
                return bestNear < 0 ? null : (useful[bestNear], useful[bestFar]);
            }
            finally
            {
                ArrayPool<ulong>.Shared.Return(full);
                foreach (var list in partners) ArrayPool<int>.Shared.Return(list.Positions);
            }

            (int[] Positions, int Count) PartnersFor(ulong need)
            {
                foreach (var list in partners)
                    if (list.Need == need) return (list.Positions, list.Count);
                var positions = ArrayPool<int>.Shared.Rent(_usefulCount);
                var count = 0;
                for (var u = 0; u < _usefulCount; u++)
                    if ((full[u] & need) == need) positions[count++] = u;
                partners.Add((need, positions, count));
                return (positions, count);
            }
        }

        /// <summary>A bit per line (the first 64; none beyond): the lines the candidate has none of, or else the lines it
        /// can send in full.</summary>
        private ulong Mask(int rank, bool needNone)
        {
            if (_lines > 64) return 0;
            ulong mask = 0;
            for (var l = 0; l < _lines; l++)
                if (needNone ? Available(rank, l) == 0 : Available(rank, l) >= _quantity[l]) mask |= 1UL << l;
            return mask;
        }

        private bool Covers(int a, int b)
        {
            int rowA = a * _lines, rowB = b * _lines;
            for (var l = 0; l < _lines; l++)
                if ((long)_available[rowA + l] + _available[rowB + l] < _quantity[l]) return false;
            return true;
        }

        /// <summary>Repeatedly the candidate covering most of what is left (ties: nearest, then location code, which is
        /// rank order), until nothing is left. Only called when the useful candidates together cover the order.</summary>
        public IReadOnlyList<int> Greedy()
        {
            var remaining = new long[_lines];
            for (var l = 0; l < _lines; l++) remaining[l] = _quantity[l];
            var useful = Useful;
            var taken = new bool[useful.Length];
            var chosen = new List<int>();
            while (Array.Exists(remaining, q => q > 0))
            {
                int next = -1;
                long most = 0;
                for (var u = 0; u < useful.Length; u++)
                {
                    if (taken[u]) continue;
                    long covered = 0;
                    for (var l = 0; l < _lines; l++) covered += Math.Min(remaining[l], Available(useful[u], l));
                    if (covered > most) (most, next) = (covered, u);
                }
                if (next < 0) throw new InvalidOperationException("The candidates cannot cover the order."); // ruled out by UsefulCanCover
                taken[next] = true;
                chosen.Add(useful[next]);
                for (var l = 0; l < _lines; l++) remaining[l] -= Math.Min(remaining[l], Available(useful[next], l));
            }
            return chosen;
        }

        /// <summary>Takes each SKU from the chosen locations nearest first, and writes down why every candidate was or was not chosen.</summary>
        public RoutingPlan Plan(string strategy, IReadOnlyList<int> chosen, string chosenReason)
        {
            var ordered = chosen.Order().ToArray(); // rank order: nearest first, ties by location code
            var take = new List<StockQuantity>?[ordered.Length];
            for (var l = 0; l < _lines; l++)
            {
                long left = _quantity[l];
                for (var o = 0; o < ordered.Length && left > 0; o++)
                {
                    var q = (int)Math.Min(left, Available(ordered[o], l));
                    if (q <= 0) continue;
                    (take[o] ??= []).Add(new StockQuantity(_wanted[l].Sku, q));
                    left -= q;
                }
            }

            var allocations = new List<Allocation>(ordered.Length);
            for (var o = 0; o < ordered.Length; o++)
            {
                if (take[o] is not { } taken) continue;
                ref var r = ref _ranked[ordered[o]];
                allocations.Add(new Allocation(Code(ordered[o]), r.DistanceKm, taken));
                r.Chosen = true;
            }

            var nearestFull = FirstThatCoversAll();
            var fartherFull = nearestFull < 0 ? null : $"can send everything, but {Code(nearestFull)} is nearer";
            var notChosen = strategy == RoutingStrategy.SingleLocation ? NotWholeOrder : NotNeeded;
            var decisions = new CandidateDecision[_count];
            for (var r = 0; r < _count; r++)
            {
                var c = _ranked[r];
                decisions[r] = new CandidateDecision(_candidates[c.Index].LocationCode, c.DistanceKm, c.CanFulfilAll, c.Chosen,
                    c.Chosen ? chosenReason : c.CanFulfilAll ? fartherFull! : !c.Useful ? NoneOfTheItems : notChosen);
            }
            return new RoutingPlan(strategy, allocations, decisions);
        }
    }
}
