using System.Security.Cryptography;
using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Orders;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Orders;

/// <summary>How the customer wants the goods: <c>pickup</c> at a store (optionally brought there by transfer) or <c>delivery</c>.</summary>
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
        RuleFor(x => x.Fulfilment!.LocationCode).IsCode().When(x => x.Fulfilment?.Type == FulfilmentMode.Pickup).OverridePropertyName("fulfilment.locationCode");
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

public sealed class PlaceOrderHandler(IHybridOrdersDbContext db, IClock clock, ShopSettings shop, Promotions.PromotionRedemption promotions,
    FulfilmentPlanner planner, Customers.CustomerRegistry customers) : ICommandHandler<PlaceOrder, OrderResponse>
{
    public async ValueTask<OrderResponse> Handle(PlaceOrder command, CancellationToken ct)
    {
        // Priced from the catalogue now; the promo code (the same in every channel) spread over the lines to the cent.
        var wanted = command.Lines!.ToStockQuantities();
        var prices = await db.RequireProductsAsync(wanted.Select(l => l.Sku).ToList(), ct);
        var now = clock.GetCurrentInstant();
        var gross = wanted.Select(l => prices[l.Sku] * l.Quantity).ToList();
        if (gross.Sum() > Money.Max)
            throw new DomainException("order_total_too_large", $"An order may come to at most {Money.Max:0.00} {shop.Currency}.", RefusalKind.Unprocessable);
        var (promoCode, discounts) = await promotions.RedeemAsync(command.PromoCode, gross, now, ct);
        var order = new Order(Guid.CreateVersion7(), NewNumber(), command.Channel!.Value, command.Customer!.ToDomain(), command.Fulfilment!.Type!.Value,
            wanted.Select((l, i) => new OrderLine(l.Sku, l.Quantity, prices[l.Sku], discounts[i])), promoCode, shop.Currency, now);

        // Routed, and its stock held, by the planner; the order and its fulfilments are then stored together.
        await planner.PlanAsync(order, command.Fulfilment, now, ct);
        await customers.RecordAsync(order.Customer, order.Channel, Domain.Customers.CustomerActivity.Order, order.Id, ct);
        db.Orders.Add(order);
        return OrderResponse.From(order);
    }

    /// <summary>HO- and eight characters of an alphabet without look-alikes (no 0/O, 1/I/L): readable over the phone.</summary>
    private static string NewNumber()
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        return "HO-" + new string(RandomNumberGenerator.GetItems<char>(alphabet, 8));
    }
}
