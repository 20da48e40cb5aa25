using FluentValidation;
using HybridOrders.Application.Orders;
using HybridOrders.Domain.Orders;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Reservations;

/// <summary>The customer paid for a hold at the till: the held units are sold (on-hand and reserved both fall), and the sale is
/// recorded as an order of the hold's channel fulfilled <c>in_store</c>, priced from the catalogue with the promo code honoured
/// exactly as online - so it counts in analytics, appears under the customer and can be returned.</summary>
public sealed record FulfilReservation(Guid Id, string? PromoCode = null) : ICommand<ReservationResponse>;

public sealed class FulfilReservationValidator : AbstractValidator<FulfilReservation>
{
    public FulfilReservationValidator() => RuleFor(x => x.PromoCode).MaximumLength(64);
}

public sealed class FulfilReservationHandler(IHybridOrdersDbContext db, IStockLedger ledger, IClock clock, ICurrentUser user,
    OrderPricing pricing, FulfilmentPlanner planner, Customers.CustomerRegistry customers) : ICommandHandler<FulfilReservation, ReservationResponse>
{
    public async ValueTask<ReservationResponse> Handle(FulfilReservation command, CancellationToken ct)
    {
        var reservation = await ReservationTransitions.LoadAsync(db, command.Id, ct);
        user.EnsureCanActAt(reservation.LocationCode);
        var now = clock.GetCurrentInstant();

        // Lock order: the reservation's own row first (version-checked), then the promo code's, then the stock lines.
        var order = await pricing.NewOrderAsync(reservation.Channel, reservation.Customer, FulfilmentMode.InStore, reservation.Quantities,
            command.PromoCode, now, ct);
        reservation.Fulfil(now, order.Id);
        await ReservationTransitions.SaveAsync(db, reservation, ct);
        await planner.RecordTillSaleAsync(order, reservation.LocationCode, now, ct);
        db.Orders.Add(order);
        await ledger.SellReservedAsync(reservation.LocationCode, reservation.Quantities, ReservationReference.For(reservation.Id), ct);
        await customers.RecordSaleOfHoldAsync(reservation.Id, reservation.Customer, order.Channel, order.Id, ct); // after the stock, as everywhere
        return ReservationResponse.From(reservation);
    }
}
