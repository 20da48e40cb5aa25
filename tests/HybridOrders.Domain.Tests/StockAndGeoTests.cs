using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;

namespace HybridOrders.Domain.Tests;

public class StockAndGeoTests
{
    [Theory]
    [InlineData(10, 3, 2, 5)]
    [InlineData(10, 10, 0, 0)]
    [InlineData(5, 3, 4, 0)] // safety stock above what is free: never negative
    public void Available_is_on_hand_minus_reserved_minus_safety_stock_never_below_zero(int onHand, int reserved, int safety, int expected) =>
        StockLine.AvailableOf(onHand, reserved, safety).ShouldBe(expected);

    [Fact]
    public void Normalize_merges_repeated_skus_and_orders_them_ordinally()
    {
        var lines = StockQuantity.Normalize([new("b", 1), new("B", 2), new("a", 1), new("b", 4)]);
        lines.ShouldBe([new StockQuantity("B", 2), new StockQuantity("a", 1), new StockQuantity("b", 5)]);
    }

    [Theory]
    [InlineData("BER-MITTE", true)]
    [InlineData("sku_1.v2", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("ümlaut", false)]
    public void Codes_are_one_to_64_safe_characters(string code, bool valid) => Codes.IsValid(code).ShouldBe(valid);

    [Fact]
    public void Codes_longer_than_64_are_refused()
    {
        Codes.IsValid(new string('a', 64)).ShouldBeTrue();
        Codes.IsValid(new string('a', 65)).ShouldBeFalse();
    }

    [Fact]
    public void Great_circle_distance_matches_known_city_pairs()
    {
        var berlin = new GeoPoint(52.5200, 13.4050);
        var paris = new GeoPoint(48.8566, 2.3522);
        berlin.DistanceKmTo(paris).ShouldBe(877.5, 2.0); // ≈ 878 km
        berlin.DistanceKmTo(berlin).ShouldBe(0, 1e-9);
        berlin.DistanceKmTo(paris).ShouldBe(paris.DistanceKmTo(berlin), 1e-9);
    }

    [Theory]
    [InlineData("12.345", "12.35")]
    [InlineData("12.344", "12.34")]
    [InlineData("0.005", "0.01")]
    public void Money_rounds_half_away_from_zero_to_cents(string amount, string expected) =>
        Money.Round(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
}
