using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Routing;

namespace HybridOrders.Domain.Tests;

/// <summary>
/// The router prunes its pair search (only pairs holding the scarcest line, cut off by the best pair so far) and works on
/// precomputed arrays. On random networks it must give the plan the straightforward search gives: the one below tries
/// every pair of useful candidates and every candidate in the greedy step, with the rules of ADR 0006 written out plainly.
/// </summary>
public class RoutingPropertyTests
{
    private static readonly GeoPoint Customer = new(52.52, 13.40);

    [Fact]
    public void The_pruned_search_plans_like_the_exhaustive_one_on_random_networks()
    {
        var strategies = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var seed = 0; seed < 3_000; seed++)
        {
            var random = new Random(seed);
            var (lines, candidates) = RandomNetwork(random);
            var expected = ExhaustiveRouter.Route(lines, Customer, candidates);
            var actual = Router.Route(lines, Customer, candidates);

            if (expected is null)
            {
                actual.ShouldBeNull($"seed {seed}");
                continue;
            }
            actual.ShouldNotBeNull($"seed {seed}");
            strategies[expected.Strategy] = strategies.GetValueOrDefault(expected.Strategy) + 1;
            actual.Strategy.ShouldBe(expected.Strategy, $"seed {seed}");
            actual.Allocations.Count.ShouldBe(expected.Allocations.Count, $"seed {seed}");
            actual.Allocations.Sum(a => a.DistanceKm).ShouldBe(expected.Allocations.Sum(a => a.DistanceKm), $"seed {seed}");
            // Ties are broken alike too, so the plans and decision records are the same, line for line.
            Describe(actual).ShouldBe(Describe(expected), $"seed {seed}");
        }
        // The random networks exercise every branch, the pair search most.
        strategies.GetValueOrDefault(RoutingStrategy.SingleLocation).ShouldBeGreaterThan(200);
        strategies.GetValueOrDefault(RoutingStrategy.SplitPair).ShouldBeGreaterThan(500);
        strategies.GetValueOrDefault(RoutingStrategy.SplitGreedy).ShouldBeGreaterThan(100);
    }

    [Fact]
    public void Among_pairs_of_equal_total_distance_the_one_whose_nearer_member_ranks_first_wins()
    {
        // Four locations at the same spot, so every pair is 2 × the same distance and rank is by code. The scarcest line is A
        // (held by L1 and L3; every SKU has two holders, A comes first). L1 finds L2 first, but L0 + L3 ranks before it.
        RoutingCandidate At(string code, params string[] skus) =>
            new(code, new GeoPoint(52.53, 13.41), skus.ToDictionary(s => s, _ => 1));
        var plan = Router.Route([new("A", 1), new("B", 1), new("C", 1), new("D", 1)], Customer,
            [At("L3", "A", "C"), At("L2", "C", "D"), At("L1", "A", "B"), At("L0", "B", "D")])!;
        plan.Strategy.ShouldBe(RoutingStrategy.SplitPair);
        plan.Allocations.Select(a => a.LocationCode).ShouldBe(["L0", "L3"]);
        Describe(plan).ShouldBe(Describe(ExhaustiveRouter.Route([new("A", 1), new("B", 1), new("C", 1), new("D", 1)], Customer,
            [At("L3", "A", "C"), At("L2", "C", "D"), At("L1", "A", "B"), At("L0", "B", "D")])!));
    }

    private static (StockQuantity[] Lines, RoutingCandidate[] Candidates) RandomNetwork(Random random)
    {
        var skuCount = 1 + random.Next(8);
        var lineCount = 1 + random.Next(Math.Min(skuCount, 6));
        var skus = Enumerable.Range(0, skuCount).Select(i => $"SKU-{i}").ToArray();
        var lines = skus.OrderBy(_ => random.Next()).Take(lineCount).Select(s => new StockQuantity(s, 1 + random.Next(3))).ToArray();
        // Positions on a grid around the customer (a coarse one for every other network), so that equal distances and
        // equal pair totals happen often.
        var grid = random.Next(2) == 0 ? 1 : 4;
        var candidates = Enumerable.Range(0, 2 + random.Next(40)).Select(i =>
        {
            var position = new GeoPoint(52.52 + (random.Next(2 * grid + 1) - grid) * 0.01, 13.40 + (random.Next(2 * grid + 1) - grid) * 0.01);
            var stock = skus.Where(_ => random.NextDouble() < 0.35).ToDictionary(s => s, _ => random.Next(-1, 4));
            return new RoutingCandidate($"LOC-{random.Next(1000):D3}-{i}", position, stock);
        }).ToArray();
        return (lines, candidates);
    }

    private static string Describe(RoutingPlan plan) =>
        plan.Strategy + "\n"
        + string.Join("\n", plan.Allocations.Select(a => $"{a.LocationCode} {a.DistanceKm} {string.Join(",", a.Lines.Select(l => $"{l.Sku}x{l.Quantity}"))}")) + "\n"
        + string.Join("\n", plan.Candidates.Select(c => $"{c.LocationCode} {c.DistanceKm} {c.CanFulfilAll} {c.Chosen} {c.Reason}"));

    /// <summary>The router as ADR 0006 states it, without any pruning: every pair is tried, the first pair (in rank order)
    /// of least total distance wins; the greedy step looks at every remaining candidate.</summary>
    private static class ExhaustiveRouter
    {
        private sealed record Ranked(RoutingCandidate Candidate, double DistanceKm, bool CanFulfilAll, bool Useful);

        public static RoutingPlan? Route(IReadOnlyList<StockQuantity> lines, GeoPoint destination, IEnumerable<RoutingCandidate> candidates)
        {
            var wanted = StockQuantity.Normalize(lines);
            var ranked = candidates
                .Select(c => new Ranked(c, Math.Round(c.Position.DistanceKmTo(destination), 3),
                    wanted.All(l => AvailableOf(c, l.Sku) >= l.Quantity), wanted.Any(l => AvailableOf(c, l.Sku) > 0)))
                .OrderBy(r => r.DistanceKm).ThenBy(r => r.Candidate.LocationCode, StringComparer.Ordinal)
                .ToList();

            var single = ranked.FirstOrDefault(r => r.CanFulfilAll);
            if (single is not null)
                return Plan(RoutingStrategy.SingleLocation, [single], wanted, ranked, "nearest location that can send the whole order");

            var useful = ranked.Where(r => r.Useful).ToList();
            if (!wanted.All(l => useful.Sum(c => (long)AvailableOf(c.Candidate, l.Sku)) >= l.Quantity)) return null;

            (Ranked A, Ranked B)? best = null;
            var bestDistance = double.MaxValue;
            for (var i = 0; i < useful.Count; i++)
                for (var j = i + 1; j < useful.Count; j++)
                {
                    var total = useful[i].DistanceKm + useful[j].DistanceKm;
                    if (total < bestDistance && wanted.All(l => AvailableOf(useful[i].Candidate, l.Sku) + AvailableOf(useful[j].Candidate, l.Sku) >= l.Quantity))
                        (best, bestDistance) = ((useful[i], useful[j]), total);
                }
            if (best is { } pair)
                return Plan(RoutingStrategy.SplitPair, [pair.A, pair.B], wanted, ranked, "fewest locations (two), then least total distance");

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
            return Plan(RoutingStrategy.SplitGreedy, chosen, wanted, ranked,
                "no one or two locations can send it all: nearest location covering most of what is left, repeated");
        }

        private static int AvailableOf(RoutingCandidate c, string sku) => c.Available.TryGetValue(sku, out var a) ? Math.Max(0, a) : 0;

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
}
