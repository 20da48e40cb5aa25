using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Reservations;
using NodaTime;

namespace HybridOrders.Domain.Tests;

public class ReservationTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 10, 0);

    private static Reservation NewHold(int minutes = 60) => new(Guid.NewGuid(), "BER-MITTE", SalesChannel.Pos,
        new CustomerRef(null, "Anna@Example.COM ", null, "Anna"), [new StockQuantity("B", 1), new StockQuantity("A", 2), new StockQuantity("B", 2)],
        Now, Duration.FromMinutes(minutes));

    [Fact]
    public void A_new_hold_is_active_until_its_expiry_with_merged_lines_in_sku_order()
    {
        var hold = NewHold(30);
        hold.Status.ShouldBe(ReservationStatus.Active);
        hold.ExpiresAt.ShouldBe(Now + Duration.FromMinutes(30));
        hold.Lines.Select(l => (l.Sku, l.Quantity)).ShouldBe([("A", 2), ("B", 3)]);
        hold.Customer.Email.ShouldBe("anna@example.com");
    }

    [Fact]
    public void Fulfil_closes_the_hold_and_bumps_its_version()
    {
        var hold = NewHold();
        hold.Fulfil(Now + Duration.FromMinutes(5), Guid.NewGuid());
        hold.Status.ShouldBe(ReservationStatus.Fulfilled);
        hold.ClosedAt.ShouldBe(Now + Duration.FromMinutes(5));
        hold.Version.ShouldBe(1);
    }

    [Theory]
    [InlineData("fulfil")]
    [InlineData("release")]
    [InlineData("expire")]
    public void A_closed_hold_refuses_every_further_transition(string transition)
    {
        var hold = NewHold();
        hold.Release(Now);
        var ex = Should.Throw<ReservationNotActiveException>(() =>
        {
            var later = Now + Duration.FromHours(2);
            if (transition == "fulfil") hold.Fulfil(later, Guid.NewGuid());
            else if (transition == "release") hold.Release(later);
            else hold.Expire(later);
        });
        ex.Code.ShouldBe("reservation_not_active");
        hold.Status.ShouldBe(ReservationStatus.Released);
    }

    [Fact]
    public void A_hold_cannot_expire_before_its_time()
    {
        var hold = NewHold(60);
        Should.Throw<DomainException>(() => hold.Expire(Now + Duration.FromMinutes(59))).Code.ShouldBe("reservation_not_expired");
        hold.Expire(Now + Duration.FromMinutes(60));
        hold.Status.ShouldBe(ReservationStatus.Expired);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10081)]
    public void Hold_length_must_be_between_a_minute_and_a_week(int minutes) =>
        Should.Throw<ArgumentOutOfRangeException>(() => NewHold(minutes));
}
