using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Routing;

namespace HybridOrders.Domain.Tests;

public class RoutingTests
{
    // A customer at Berlin Alexanderplatz; candidates at known distances along a line eastwards (≈ 6.8 km per 0.1° longitude).
    private static readonly GeoPoint Customer = new(52.52, 13.40);

    private static RoutingCandidate At(string code, double lonOffset, params (string Sku, int Available)[] stock) =>
        new(code, new GeoPoint(52.52, 13.40 + lonOffset), stock.ToDictionary(s => s.Sku, s => s.Available));

    private static StockQuantity[] Want(params (string Sku, int Quantity)[] lines) => lines.Select(l => new StockQuantity(l.Sku, l.Quantity)).ToArray();

    [Fact]
    public void The_nearest_location_that_can_send_everything_wins_over_a_nearer_partial_one()
    {
        var plan = Router.Route(Want(("A", 2), ("B", 1)), Customer,
            [At("NEAR-PARTIAL", 0.01, ("A", 5)), At("MID-FULL", 0.10, ("A", 2), ("B", 1)), At("FAR-FULL", 0.50, ("A", 9), ("B", 9))])!;

        plan.Strategy.ShouldBe(RoutingStrategy.SingleLocation);
        plan.Allocations.Single().LocationCode.ShouldBe("MID-FULL");
        plan.Allocations.Single().Lines.ShouldBe(Want(("A", 2), ("B", 1)));
        var near = plan.Candidates.Single(c => c.LocationCode == "NEAR-PARTIAL");
        (near.CanFulfilAll, near.Chosen).ShouldBe((false, false));
        plan.Candidates.Single(c => c.LocationCode == "FAR-FULL").Reason.ShouldContain("MID-FULL is nearer");
        plan.Candidates.Select(c => c.LocationCode).ShouldBe(["NEAR-PARTIAL", "MID-FULL", "FAR-FULL"]); // nearest first
    }

    [Fact]
    public void When_nobody_has_it_all_the_order_splits_over_the_fewest_locations_then_least_distance()
    {
        var plan = Router.Route(Want(("A", 1), ("B", 1), ("C", 1)), Customer,
        [
            At("ONLY-A", 0.01, ("A", 1)), At("ONLY-B", 0.02, ("B", 1)), At("ONLY-C", 0.03, ("C", 1)),
            At("BC-FAR", 0.40, ("B", 1), ("C", 1)), At("BC-NEAR", 0.20, ("B", 1), ("C", 1)),
        ])!;

        plan.Strategy.ShouldBe(RoutingStrategy.SplitPair);
        plan.Allocations.Select(a => a.LocationCode).ShouldBe(["ONLY-A", "BC-NEAR"]);
        plan.Allocations[1].Lines.ShouldBe(Want(("B", 1), ("C", 1)));
    }

    [Fact]
    public void A_line_can_be_split_between_locations_when_no_one_has_the_quantity()
    {
        var plan = Router.Route(Want(("A", 5)), Customer, [At("X", 0.05, ("A", 3)), At("Y", 0.10, ("A", 3))])!;
        plan.Allocations.Select(a => (a.LocationCode, a.Lines.Single().Quantity)).ShouldBe([("X", 3), ("Y", 2)]);
    }

    [Fact]
    public void Beyond_two_locations_it_takes_the_one_covering_most_first()
    {
        var plan = Router.Route(Want(("A", 1), ("B", 1), ("C", 1), ("D", 1)), Customer,
            [At("A1", 0.01, ("A", 1)), At("B1", 0.02, ("B", 1)), At("CD", 0.30, ("C", 1), ("D", 1)), At("C1", 0.03, ("C", 1))])!;
        plan.Strategy.ShouldBe(RoutingStrategy.SplitGreedy);
        plan.Allocations.Count.ShouldBe(3);
        plan.Allocations.Select(a => a.LocationCode).ShouldBe(["A1", "B1", "CD"]);
    }

    [Fact]
    public void Ties_in_distance_are_broken_by_location_code()
    {
        var plan = Router.Route(Want(("A", 1)), Customer, [At("ZULU", 0.1, ("A", 1)), At("ALPHA", 0.1, ("A", 1))])!;
        plan.Allocations.Single().LocationCode.ShouldBe("ALPHA");
    }

    [Fact]
    public void Not_enough_in_the_whole_network_gives_no_plan() =>
        Router.Route(Want(("A", 4)), Customer, [At("X", 0.1, ("A", 1)), At("Y", 0.2, ("A", 2))]).ShouldBeNull();

    [Fact]
    public void Distances_are_great_circle_kilometres()
    {
        var plan = Router.Route(Want(("A", 1)), Customer, [new RoutingCandidate("PARIS", new GeoPoint(48.8566, 2.3522), new Dictionary<string, int> { ["A"] = 1 })])!;
        plan.Allocations.Single().DistanceKm.ShouldBe(Customer.DistanceKmTo(new GeoPoint(48.8566, 2.3522)), 0.001);
        plan.Allocations.Single().DistanceKm.ShouldBe(878, 2);
    }
}
