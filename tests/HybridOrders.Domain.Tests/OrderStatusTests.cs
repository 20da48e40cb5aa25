using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Routing;
using NodaTime;

namespace HybridOrders.Domain.Tests;

public class OrderStatusTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 10, 0);

    private static Fulfilment NewFulfilment(FulfilmentType type) => new(Guid.NewGuid(), "HO-TEST-1", type, "ORIGIN", type == FulfilmentType.Delivery ? null : "STORE",
        type == FulfilmentType.Delivery ? new Address("Street 1", "Berlin", "10115", "DE") : null, new GeoPoint(52.5, 13.4), 1.5,
        [new StockQuantity("A", 1)], RoutingStrategy.SingleLocation, [], type == FulfilmentType.Delivery ? null : "Europe/Berlin", Now);

    private static Order NewOrder(params Fulfilment[] fulfilments)
    {
        var order = new Order(Guid.NewGuid(), "HO-TEST", SalesChannel.Web, new CustomerRef("c1", null, null, null), FulfilmentMode.Delivery,
            [new OrderLine("A", 1, 10m, 0m)], null, "EUR", Now);
        foreach (var f in fulfilments) order.AddFulfilment(f);
        return order;
    }

    [Fact]
    public void Status_follows_the_fulfilments_from_placed_to_completed()
    {
        var pickup = NewFulfilment(FulfilmentType.Pickup);
        var delivery = NewFulfilment(FulfilmentType.Delivery);
        var order = NewOrder(pickup, delivery);
        order.Status.ShouldBe(OrderStatus.Placed);

        order.Step(pickup.Id, f => f.MarkReady(Now, Now + Duration.FromDays(3)));
        order.Status.ShouldBe(OrderStatus.InProgress);
        order.Step(delivery.Id, f => f.Ship(Now));
        order.Step(pickup.Id, f => f.Collect(Now));
        order.Status.ShouldBe(OrderStatus.InProgress);
        order.Step(delivery.Id, f => f.Deliver(Now));
        order.Status.ShouldBe(OrderStatus.Completed);
        Should.Throw<DomainException>(() => order.Cancel(Now)).Code.ShouldBe("invalid_transition");
    }

    [Fact]
    public void An_uncollected_pickup_expires_the_order()
    {
        var pickup = NewFulfilment(FulfilmentType.Pickup);
        var order = NewOrder(pickup);
        order.Step(pickup.Id, f => f.MarkReady(Now, Now + Duration.FromDays(3)));
        Should.Throw<DomainException>(() => order.Step(pickup.Id, f => f.Expire(Now + Duration.FromDays(2))));
        order.Step(pickup.Id, f => f.Expire(Now + Duration.FromDays(3)));
        order.Status.ShouldBe(OrderStatus.Expired);
    }

    [Fact]
    public void Cancel_takes_back_only_what_has_not_left()
    {
        var shipped = NewFulfilment(FulfilmentType.Delivery);
        var waiting = NewFulfilment(FulfilmentType.Delivery);
        var order = NewOrder(shipped, waiting);
        order.Step(shipped.Id, f => f.Ship(Now));

        order.Cancel(Now).ShouldBe([waiting]);
        waiting.Status.ShouldBe(FulfilmentStatus.Cancelled);
        shipped.Status.ShouldBe(FulfilmentStatus.Shipped);
        order.Status.ShouldBe(OrderStatus.InProgress);
        order.Step(shipped.Id, f => f.Deliver(Now));
        order.Status.ShouldBe(OrderStatus.Completed);
    }

    [Theory]
    [InlineData(FulfilmentType.Pickup, "ship")]
    [InlineData(FulfilmentType.Pickup, "collect")]
    [InlineData(FulfilmentType.Delivery, "ready")]
    [InlineData(FulfilmentType.Delivery, "deliver")]
    [InlineData(FulfilmentType.TransferToPickup, "receive")]
    [InlineData(FulfilmentType.TransferToPickup, "ready")]
    public void Steps_out_of_order_are_refused(FulfilmentType type, string step)
    {
        var f = NewFulfilment(type);
        Action act = step switch
        {
            "ship" => () => f.Ship(Now),
            "collect" => () => f.Collect(Now),
            "ready" => () => f.MarkReady(Now, Now),
            "deliver" => () => f.Deliver(Now),
            _ => () => f.Receive(Now, Now),
        };
        Should.Throw<DomainException>(act).Code.ShouldBe("invalid_transition");
        f.Status.ShouldBe(FulfilmentStatus.Allocated);
    }

    [Fact]
    public void A_transfer_travels_then_waits_at_the_pickup_store()
    {
        var transfer = NewFulfilment(FulfilmentType.TransferToPickup);
        transfer.StockLocationCode.ShouldBe("ORIGIN");
        transfer.Ship(Now);
        transfer.Status.ShouldBe(FulfilmentStatus.InTransit);
        transfer.CanBeCancelled.ShouldBeFalse();
        transfer.Receive(Now, Now + Duration.FromDays(3));
        transfer.Status.ShouldBe(FulfilmentStatus.ReadyForPickup);
        transfer.StockLocationCode.ShouldBe("STORE");
        transfer.Collect(Now);
        transfer.Status.ShouldBe(FulfilmentStatus.Collected);
    }
}
