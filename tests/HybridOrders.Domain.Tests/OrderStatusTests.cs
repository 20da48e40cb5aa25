using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Routing;
using NodaTime;

namespace HybridOrders.Domain.Tests;

public class OrderStatusTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 10, 0);

    private static readonly RoutingDecision Routing = new(RoutingStrategy.SingleLocation, []);
    private static readonly FulfilmentSite Store = new("STORE", new GeoPoint(52.5, 13.4), "Europe/Berlin");

    private static Order NewOrder() =>
        new("HO-TESTTEST", SalesChannel.Web, new CustomerRef("c1", null, null, null), FulfilmentMode.Delivery,
            [new OrderLine("A", 1, 10m, 0m)], null, "EUR", Now);

    /// <summary>A fulfilment of the given type, added to <paramref name="order"/> as the order adds them (numbered in turn).</summary>
    private static Fulfilment Add(Order order, FulfilmentType type) => type switch
    {
        FulfilmentType.Pickup => order.AddPickup(Guid.NewGuid(), Store, [new StockQuantity("A", 1)], Routing, Now),
        FulfilmentType.TransferToPickup => order.AddTransfer(Guid.NewGuid(), "ORIGIN", Store, 1.5, [new StockQuantity("A", 1)], Routing, Now),
        _ => order.AddDelivery(Guid.NewGuid(), "ORIGIN", new Address("Street 1", "Berlin", "10115", "DE"), new GeoPoint(52.5, 13.4), 1.5,
            [new StockQuantity("A", 1)], Routing, Now),
    };

    [Fact]
    public void Status_follows_the_fulfilments_from_placed_to_completed()
    {
        var order = NewOrder();
        var pickup = Add(order, FulfilmentType.Pickup);
        var delivery = Add(order, FulfilmentType.Delivery);
        order.Status.ShouldBe(OrderStatus.Placed);
        (pickup.Code, delivery.Code).ShouldBe(("HO-TESTTEST-1", "HO-TESTTEST-2"));

        order.MarkReady(pickup.Id, Now, Now + Duration.FromDays(3));
        order.Status.ShouldBe(OrderStatus.InProgress);
        order.Ship(delivery.Id, Now);
        order.Collect(pickup.Id, Now);
        order.Status.ShouldBe(OrderStatus.InProgress);
        order.Deliver(delivery.Id, Now);
        order.Status.ShouldBe(OrderStatus.Completed);
        Should.Throw<DomainException>(() => order.Cancel(Now)).Code.ShouldBe("invalid_transition");
    }

    [Fact]
    public void An_uncollected_pickup_expires_the_order()
    {
        var order = NewOrder();
        var pickup = Add(order, FulfilmentType.Pickup);
        order.MarkReady(pickup.Id, Now, Now + Duration.FromDays(3));
        Should.Throw<DomainException>(() => order.ExpirePickup(pickup.Id, Now + Duration.FromDays(2)));
        order.ExpirePickup(pickup.Id, Now + Duration.FromDays(3));
        order.Status.ShouldBe(OrderStatus.Expired);
    }

    [Fact]
    public void Cancel_takes_back_only_what_has_not_left()
    {
        var order = NewOrder();
        var shipped = Add(order, FulfilmentType.Delivery);
        var waiting = Add(order, FulfilmentType.Delivery);
        order.Ship(shipped.Id, Now);

        order.Cancel(Now).ShouldBe([waiting]);
        waiting.Status.ShouldBe(FulfilmentStatus.Cancelled);
        shipped.Status.ShouldBe(FulfilmentStatus.Shipped);
        order.Status.ShouldBe(OrderStatus.InProgress);
        order.Deliver(shipped.Id, Now);
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
        var order = NewOrder();
        var f = Add(order, type);
        Action act = step switch
        {
            "ship" => () => order.Ship(f.Id, Now),
            "collect" => () => order.Collect(f.Id, Now),
            "ready" => () => order.MarkReady(f.Id, Now, Now),
            "deliver" => () => order.Deliver(f.Id, Now),
            _ => () => order.ReceiveTransfer(f.Id, Now, Now),
        };
        Should.Throw<DomainException>(act).Code.ShouldBe("invalid_transition");
        f.Status.ShouldBe(FulfilmentStatus.Allocated);
    }

    [Fact]
    public void A_transfer_travels_then_waits_at_the_pickup_store()
    {
        var order = NewOrder();
        var transfer = Add(order, FulfilmentType.TransferToPickup);
        transfer.StockLocationCode.ShouldBe("ORIGIN");
        order.Ship(transfer.Id, Now);
        transfer.Status.ShouldBe(FulfilmentStatus.InTransit);
        transfer.CanBeCancelled.ShouldBeFalse();
        order.ReceiveTransfer(transfer.Id, Now, Now + Duration.FromDays(3));
        transfer.Status.ShouldBe(FulfilmentStatus.ReadyForPickup);
        transfer.StockLocationCode.ShouldBe("STORE");
        order.Collect(transfer.Id, Now);
        transfer.Status.ShouldBe(FulfilmentStatus.Collected);
    }

    [Fact]
    public void A_fulfilment_of_another_order_is_refused_with_a_code()
    {
        var order = NewOrder();
        Add(order, FulfilmentType.Pickup);
        Should.Throw<DomainException>(() => order.Collect(Guid.NewGuid(), Now)).Code.ShouldBe("fulfilment_not_in_order");
    }
}
