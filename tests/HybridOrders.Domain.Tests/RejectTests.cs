using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Orders;
using HybridOrders.Domain.Returns;
using HybridOrders.Domain.Routing;
using NodaTime;

namespace HybridOrders.Domain.Tests;

/// <summary>Order.Reject, AddReplacement and CancelUnsupplied: a short pick through the order aggregate.</summary>
public class RejectTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 2, 10, 0);
    private static readonly RoutingDecision Routing = new(RoutingStrategy.SingleLocation, []);
    private static readonly IReadOnlyDictionary<string, int> NoReturns = new Dictionary<string, int>();

    /// <summary>3 × A at 10.00 with a 1.00 discount (line total 29.00, 9.666… a unit) and 1 × B at 5.00, delivered from ORIGIN.</summary>
    private static (Order Order, Fulfilment Delivery) NewDelivery()
    {
        var order = new Order("HO-REJECTED", SalesChannel.Web, new CustomerRef("c1", null, null, null), FulfilmentMode.Delivery,
            [new OrderLine("A", 3, 10m, 1m), new OrderLine("B", 1, 5m, 0m)], "CODE", "EUR", Now);
        var delivery = order.AddDelivery(Guid.NewGuid(), "ORIGIN", new Address("Street 1", "Berlin", "10115", "DE"), new GeoPoint(52.5, 13.4), 1.5,
            [new StockQuantity("A", 3), new StockQuantity("B", 1)], Routing, Now);
        return (order, delivery);
    }

    [Fact]
    public void A_partial_reject_ends_the_fulfilment_and_keeps_the_rest_at_the_origin()
    {
        var (order, delivery) = NewDelivery();

        var rejection = order.Reject(delivery.Id, RejectionReason.NotFound, [new StockQuantity("A", 1)], Now);

        delivery.Status.ShouldBe(FulfilmentStatus.Rejected);
        delivery.Lines.Select(l => (l.Sku, l.RejectedQuantity)).ShouldBe([("A", 1), ("B", 0)]);
        rejection.Lines.ShouldBe([new StockQuantity("A", 1)]);
        var kept = rejection.Kept.ShouldNotBeNull();
        (kept.OriginLocationCode, kept.Status, kept.ReplacesFulfilmentId, kept.Code).ShouldBe(("ORIGIN", FulfilmentStatus.Allocated, delivery.Id, "HO-REJECTED-2"));
        kept.Lines.Select(l => (l.Sku, l.Quantity)).ShouldBe([("A", 2), ("B", 1)]);
        order.Status.ShouldBe(OrderStatus.Placed);

        var replacement = order.AddReplacement(rejection, "OTHER", 4.2, rejection.Lines, new RoutingDecision("reroute_after_rejection", []), Now);
        (replacement.Type, replacement.ReplacesFulfilmentId, replacement.DestinationAddress!.PostalCode).ShouldBe((FulfilmentType.Delivery, delivery.Id, "10115"));
    }

    [Fact]
    public void Cancelled_units_are_not_charged_to_the_cent_and_returns_of_the_rest_add_up_to_the_line()
    {
        var (order, delivery) = NewDelivery();
        var rejection = order.Reject(delivery.Id, RejectionReason.StoreUnable, [new StockQuantity("A", 1)], Now);

        var cancelled = order.CancelUnsupplied(rejection.Lines, NoReturns, Now);

        cancelled.ShouldBe([new CancelledLine("A", 1, 9.67m)]);
        (order.Subtotal, order.Discount, order.Total, order.Units).ShouldBe((25m, 0.67m, 24.33m, 3));
        order.Lines[0].CancelledQuantity.ShouldBe(1);

        // the two units still coming are delivered and come back: 29.00 - 9.67, so the line adds up exactly
        order.Ship(rejection.Kept!.Id, Now);
        order.Deliver(rejection.Kept.Id, Now);
        var back = order.AcceptReturn(Guid.NewGuid(), "STORE", [("A", ItemCondition.Resellable, 2)], NoReturns, "no", Duration.FromDays(30), Now);
        back.RefundAmount.ShouldBe(19.33m);
    }

    [Fact]
    public void Rejects_are_refused_when_they_do_not_fit_the_fulfilment()
    {
        var (order, delivery) = NewDelivery();
        Should.Throw<DomainException>(() => order.Reject(delivery.Id, RejectionReason.NotFound, [new StockQuantity("A", 4)], Now)).Code.ShouldBe("reject_exceeds_fulfilment");
        Should.Throw<DomainException>(() => order.Reject(delivery.Id, RejectionReason.NotFound, [new StockQuantity("C", 1)], Now)).Code.ShouldBe("reject_unknown_sku");
        order.Ship(delivery.Id, Now);
        Should.Throw<DomainException>(() => order.Reject(delivery.Id, RejectionReason.NotFound, null, Now)).Code.ShouldBe("invalid_transition");
    }

    [Fact]
    public void Nothing_supplied_anywhere_cancels_the_order()
    {
        var (order, delivery) = NewDelivery();
        var rejection = order.Reject(delivery.Id, RejectionReason.Damaged, null, Now);
        rejection.Kept.ShouldBeNull();

        order.CancelUnsupplied(rejection.Lines, NoReturns, Now).Sum(c => c.RefundAmount).ShouldBe(34m);

        (order.Status, order.Total, order.CancelledAt).ShouldBe((OrderStatus.Cancelled, 0m, (Instant?)Now));
    }
}
