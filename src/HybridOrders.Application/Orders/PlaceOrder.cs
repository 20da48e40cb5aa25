using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Orders;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Orders;

/// <summary>How the customer gets the goods: <c>pickup</c> at a store (optionally brought there by transfer), <c>delivery</c>, or
/// <c>in_store</c>: a carry-out sale at a store's till (POS of that store, or admin).</summary>
public sealed record FulfilmentRequest(FulfilmentMode? Type, string? LocationCode, bool? AllowTransfer, AddressDto? Address);

/// <summary>Place an order from any channel. Prices come from the catalogue now; the client never sends one.</summary>
public sealed record PlaceOrder(
    SalesChannel? Channel,
    CustomerDto? Customer,
    IReadOnlyList<QuantityLine?>? Lines,
    FulfilmentRequest? Fulfilment,
    string? PromoCode) : ICommand<OrderResponse>;

public sealed class PlaceOrderValidator : AbstractValidator<PlaceOrder>
{
    public PlaceOrderValidator()
    {
        RuleFor(x => x.Channel).NotNull().IsInEnum();
        RuleFor(x => x.Customer).IsCustomer();
        this.ValidLines(x => x.Lines);
        RuleFor(x => x.Fulfilment).NotNull();
        RuleFor(x => x.Fulfilment!.Type).NotNull().IsInEnum().When(x => x.Fulfilment is not null).OverridePropertyName("fulfilment.type");
        RuleFor(x => x.Fulfilment!.LocationCode).IsCode().When(x => x.Fulfilment?.Type is FulfilmentMode.Pickup or FulfilmentMode.InStore)
            .OverridePropertyName("fulfilment.locationCode");
        RuleFor(x => x.Fulfilment!.Address).NotNull().When(x => x.Fulfilment?.Type == FulfilmentMode.Delivery).OverridePropertyName("fulfilment.address");
        RuleFor(x => x.Fulfilment!.Address!).ChildRules(a =>
        {
            a.RuleFor(x => x.Line1).NotEmpty().MaximumLength(200);
            a.RuleFor(x => x.City).NotEmpty().MaximumLength(100);
            a.RuleFor(x => x.PostalCode).NotEmpty().MaximumLength(20);
            a.RuleFor(x => x.Country).NotEmpty().Length(2).Matches("^[A-Za-z]{2}$").WithMessage("'country' must be an ISO 3166-1 alpha-2 code.");
            a.RuleFor(x => x.Latitude).NotNull().InclusiveBetween(-90, 90);
            a.RuleFor(x => x.Longitude).NotNull().InclusiveBetween(-180, 180);
        }).When(x => x.Fulfilment is { Type: FulfilmentMode.Delivery, Address: not null }).OverridePropertyName("fulfilment.address");
        RuleFor(x => x.PromoCode).MaximumLength(64);
    }
}

public sealed class PlaceOrderHandler(IHybridOrdersDbContext db, IClock clock, OrderPricing pricing, FulfilmentPlanner planner,
    Customers.CustomerRegistry customers) : ICommandHandler<PlaceOrder, OrderResponse>
{
    public async ValueTask<OrderResponse> Handle(PlaceOrder command, CancellationToken ct)
    {
        // Priced from the catalogue now, with the promo code (the same in every channel) spread over the lines to the cent.
        var now = clock.GetCurrentInstant();
        var order = await pricing.NewOrderAsync(command.Channel!.Value, command.Customer!.ToDomain(), command.Fulfilment!.Type!.Value,
            command.Lines!.ToStockQuantities(), command.PromoCode, now, ct);

        // Routed, and its stock held (or, at a till, sold), by the planner; the order and its fulfilments are then stored together.
        await planner.PlanAsync(order, command.Fulfilment, now, ct);
        await customers.RecordAsync(order.Customer, order.Channel, Domain.Customers.CustomerActivity.Order, order.Id, ct);
        db.Orders.Add(order);
        return OrderResponse.From(order);
    }
}
