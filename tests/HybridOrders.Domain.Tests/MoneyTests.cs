using HybridOrders.Domain.Common;
using HybridOrders.Domain.Promotions;
using HybridOrders.Domain.Returns;
using NodaTime;

namespace HybridOrders.Domain.Tests;

public class MoneyTests
{
    [Fact]
    public void A_discount_is_spread_in_proportion_and_the_parts_sum_exactly_to_it()
    {
        Money.Allocate(10.79m, [59.97m, 5.00m, 6.93m]).ShouldBe([9.00m, 0.75m, 1.04m]);
        Money.Allocate(1.00m, [1m, 1m, 1m]).ShouldBe([0.34m, 0.33m, 0.33m]); // the spare cent goes to the first of equals
        Money.Allocate(0m, [5m, 5m]).ShouldBe([0m, 0m]);
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(100, 13)]
    [InlineData(999, 7)]
    public void Allocation_never_loses_or_invents_a_cent(int seed, int lines)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            var weights = Enumerable.Range(0, lines).Select(_ => random.Next(1, 100_000) / 100m).ToList();
            var amount = Math.Min(weights.Sum(), random.Next(1, 50_000) / 100m);
            var parts = Money.Allocate(amount, weights);
            parts.Sum().ShouldBe(amount);
            parts.Zip(weights).ShouldAllBe(p => p.First >= 0 && p.First <= p.Second);
        }
    }

    [Fact]
    public void Partial_refunds_add_up_to_the_line_total_whatever_the_visits()
    {
        // 50.97 for 3 units: 16.99 + 33.98 = 50.97; or one at a time 16.99 + 16.99 + 16.99.
        Refund.For(50.97m, 3, 0, 1).ShouldBe(16.99m);
        Refund.For(50.97m, 3, 1, 2).ShouldBe(33.98m);
        (Refund.For(50.97m, 3, 0, 1) + Refund.For(50.97m, 3, 1, 1) + Refund.For(50.97m, 3, 2, 1)).ShouldBe(50.97m);
        (Refund.For(5.89m, 7, 0, 3) + Refund.For(5.89m, 7, 3, 4)).ShouldBe(5.89m);
    }

    [Fact]
    public void A_promotion_refuses_outside_its_rules_with_a_reason()
    {
        var start = Instant.FromUtc(2026, 11, 1, 0, 0);
        var promo = new Promotion(" black-friday ", PromotionKind.Percent, 20m, start, start + Duration.FromDays(30), 50m, 2, start);
        promo.Code.ShouldBe("BLACK-FRIDAY");
        promo.RefusalReason(start - Duration.FromSeconds(1), 100m)!.Code.ShouldBe("not_yet_valid");
        promo.RefusalReason(start + Duration.FromDays(30), 100m)!.Code.ShouldBe("expired");
        promo.RefusalReason(start, 49.99m)!.Reason.ShouldContain("at least 50.00");
        promo.RefusalReason(start, 50m).ShouldBeNull();
        promo.DiscountOn(123.45m).ShouldBe(24.69m);
        new Promotion("TENOFF", PromotionKind.Amount, 10m, start, start + Duration.FromDays(1), null, null, start).DiscountOn(7.50m).ShouldBe(7.50m);
    }
}
