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
/// <item>Otherwise the order is split over as few locations as possible: every pair is tried exactly (fewest locations,
/// then least total distance); beyond two, greedily, nearest location that covers most of what is left first.</item>
/// <item>Nothing, when the candidates together cannot cover the order.</item>
/// </list>
/// </summary>
public static class Router
{
    public static RoutingPlan? Route(IReadOnlyList<StockQuantity> lines, GeoPoint destination, IEnumerable<RoutingCandidate> candidates)
    {
        var wanted = StockQuantity.Normalize(lines);
        var ranked = candidates
            .Select(c => new Ranked(c, Math.Round(c.Position.DistanceKmTo(destination), 3), Covers(c, wanted), Useful(c, wanted)))
            .OrderBy(r => r.DistanceKm).ThenBy(r => r.Candidate.LocationCode, StringComparer.Ordinal)
            .ToList();

        var single = ranked.FirstOrDefault(r => r.CanFulfilAll);
        if (single is not null)
            return Plan(RoutingStrategy.SingleLocation, [single], wanted, ranked,
                "nearest location that can send the whole order");

        var useful = ranked.Where(r => r.Useful).ToList();
        if (!CanCover(useful.Select(r => r.Candidate), wanted)) return null;

        var pair = BestPair(useful, wanted);
        if (pair is not null)
            return Plan(RoutingStrategy.SplitPair, pair, wanted, ranked, "fewest locations (two), then least total distance");

        return Plan(RoutingStrategy.SplitGreedy, Greedy(useful, wanted), wanted, ranked,
            "no one or two locations can send it all: nearest location covering most of what is left, repeated");
    }

    private sealed record Ranked(RoutingCandidate Candidate, double DistanceKm, bool CanFulfilAll, bool Useful);

    private static int AvailableOf(RoutingCandidate c, string sku) => c.Available.TryGetValue(sku, out var a) ? Math.Max(0, a) : 0;

    private static bool Covers(RoutingCandidate c, IReadOnlyList<StockQuantity> wanted) => wanted.All(l => AvailableOf(c, l.Sku) >= l.Quantity);

    private static bool Useful(RoutingCandidate c, IReadOnlyList<StockQuantity> wanted) => wanted.Any(l => AvailableOf(c, l.Sku) > 0);

    private static bool CanCover(IEnumerable<RoutingCandidate> set, IReadOnlyList<StockQuantity> wanted)
    {
        var list = set as IReadOnlyCollection<RoutingCandidate> ?? set.ToList();
        return wanted.All(l => list.Sum(c => (long)AvailableOf(c, l.Sku)) >= l.Quantity);
    }

    private static IReadOnlyList<Ranked>? BestPair(IReadOnlyList<Ranked> useful, IReadOnlyList<StockQuantity> wanted)
    {
        (Ranked A, Ranked B)? best = null;
        var bestDistance = double.MaxValue;
        for (var i = 0; i < useful.Count; i++)
        {
            // Sorted by distance: once the nearer one alone is farther than the best pair, nothing better can follow.
            if (useful[i].DistanceKm >= bestDistance) break;
            for (var j = i + 1; j < useful.Count; j++)
            {
                var total = useful[i].DistanceKm + useful[j].DistanceKm;
                if (total >= bestDistance) break;
                if (wanted.All(l => AvailableOf(useful[i].Candidate, l.Sku) + AvailableOf(useful[j].Candidate, l.Sku) >= l.Quantity))
                {
                    best = (useful[i], useful[j]);
                    bestDistance = total;
                }
            }
        }
        return best is { } p ? [p.A, p.B] : null;
    }

    private static IReadOnlyList<Ranked> Greedy(IReadOnlyList<Ranked> useful, IReadOnlyList<StockQuantity> wanted)
    {
        var remaining = wanted.ToDictionary(l => l.Sku, l => l.Quantity, StringComparer.Ordinal);
        var chosen = new List<Ranked>();
        var pool = useful.ToList();
        while (remaining.Values.Any(q => q > 0))
        {
            var next = pool
                .Select(r => (Ranked: r, Covered: remaining.Sum(kv => Math.Min(kv.Value, AvailableOf(r.Candidate, kv.Key)))))
                .Where(x => x.Covered > 0)
                .OrderByDescending(x => x.Covered).ThenBy(x => x.Ranked.DistanceKm).ThenBy(x => x.Ranked.Candidate.LocationCode, StringComparer.Ordinal)
                .First().Ranked;
            chosen.Add(next);
            pool.Remove(next);
            foreach (var sku in remaining.Keys.ToList())
                remaining[sku] -= Math.Min(remaining[sku], AvailableOf(next.Candidate, sku));
        }
        return chosen.OrderBy(r => r.DistanceKm).ThenBy(r => r.Candidate.LocationCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>Takes each SKU from the chosen locations nearest first, and writes down why every candidate was or was not chosen.</summary>
    private static RoutingPlan Plan(string strategy, IReadOnlyList<Ranked> chosen, IReadOnlyList<StockQuantity> wanted,
        IReadOnlyList<Ranked> all, string chosenReason)
    {
        var ordered = chosen.OrderBy(r => r.DistanceKm).ThenBy(r => r.Candidate.LocationCode, StringComparer.Ordinal).ToList();
        var take = ordered.ToDictionary(r => r.Candidate.LocationCode, _ => new List<StockQuantity>(), StringComparer.Ordinal);
        foreach (var line in wanted)
        {
            var left = line.Quantity;
            foreach (var r in ordered)
            {
                var q = Math.Min(left, AvailableOf(r.Candidate, line.Sku));
                if (q <= 0) continue;
                take[r.Candidate.LocationCode].Add(new StockQuantity(line.Sku, q));
                left -= q;
                if (left == 0) break;
            }
        }
        var allocations = ordered.Where(r => take[r.Candidate.LocationCode].Count > 0)
            .Select(r => new Allocation(r.Candidate.LocationCode, r.DistanceKm, take[r.Candidate.LocationCode])).ToList();
        var chosenCodes = allocations.Select(a => a.LocationCode).ToHashSet(StringComparer.Ordinal);
        var nearestFull = all.FirstOrDefault(r => r.CanFulfilAll);

        var decisions = all.Select(r => new CandidateDecision(r.Candidate.LocationCode, r.DistanceKm, r.CanFulfilAll,
            chosenCodes.Contains(r.Candidate.LocationCode),
            chosenCodes.Contains(r.Candidate.LocationCode) ? chosenReason
            : r.CanFulfilAll ? $"can send everything, but {nearestFull!.Candidate.LocationCode} is nearer"
            : !r.Useful ? "has none of the items"
            : strategy == RoutingStrategy.SingleLocation ? "cannot send the whole order"
            : "not needed: the chosen locations cover the order with fewer stops or less distance")).ToList();
        return new RoutingPlan(strategy, allocations, decisions);
    }
}
