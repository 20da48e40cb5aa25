using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Reservations;
using Mediator;
using NodaTime;

namespace HybridOrders.Application.Reservations;

/// <summary>Hold stock at one location for a customer: every line or nothing.</summary>
public sealed record HoldStock(
    string? LocationCode,
    SalesChannel? Channel,
    CustomerDto? Customer,
    IReadOnlyList<QuantityLine?>? Lines,
    int? HoldMinutes) : ICommand<ReservationResponse>;

public sealed class HoldStockValidator : AbstractValidator<HoldStock>
{
    public HoldStockValidator()
    {
        RuleFor(x => x.LocationCode).IsCode();
        RuleFor(x => x.Channel).NotNull().IsInEnum();
        RuleFor(x => x.Customer).IsCustomer();
        this.ValidLines(x => x.Lines);
        RuleFor(x => x.HoldMinutes).InclusiveBetween(1, Reservation.MaxHoldMinutes);
    }
}

public static class CustomerRules
{
    /// <summary>Present, recognisable by at least one of id, email, phone or name, and each of those well-formed.</summary>
    public static IRuleBuilderOptions<T, CustomerDto?> IsCustomer<T>(this IRuleBuilder<T, CustomerDto?> rule) =>
        rule.NotNull()
            .Must(c => !string.IsNullOrWhiteSpace(c!.Id) || !string.IsNullOrWhiteSpace(c.Email)
                       || !string.IsNullOrWhiteSpace(c.Phone) || !string.IsNullOrWhiteSpace(c.Name))
            .WithMessage("A customer needs at least one of id, email, phone or name.")
            .SetValidator(new CustomerValidator()!);
}

public sealed class CustomerValidator : AbstractValidator<CustomerDto>
{
    public CustomerValidator()
    {
        RuleFor(c => c.Id).MaximumLength(128);
        RuleFor(c => c.Email).MaximumLength(254).EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.Email));
        RuleFor(c => c.Phone).MaximumLength(32).Matches(@"^\+?[0-9 ()\-]{3,32}$")
            .When(c => !string.IsNullOrWhiteSpace(c.Phone)).WithMessage("'phone' must be digits, spaces, dashes or brackets, optionally starting with '+'.");
        RuleFor(c => c.Name).MaximumLength(200);
    }
}

public sealed class HoldStockHandler(IHybridOrdersDbContext db, IStockLedger ledger, IClock clock, ICurrentUser user)
    : ICommandHandler<HoldStock, ReservationResponse>
{
    public async ValueTask<ReservationResponse> Handle(HoldStock command, CancellationToken ct)
    {
        user.EnsureCanActAt(command.LocationCode!);
        var lines = command.Lines!.ToStockQuantities();
        var reservation = new Reservation(Guid.CreateVersion7(), command.LocationCode!, command.Channel!.Value,
            command.Customer!.ToDomain(), lines, clock.GetCurrentInstant(),
            Duration.FromMinutes(command.HoldMinutes ?? Reservation.DefaultHoldMinutes));

        // The hot path is the conditional update alone (it also checks the location is active). Only a refusal reads the
        // location and the catalogue, to say precisely why: unknown location or SKU, inactive location, or short stock.
        try
        {
            await ledger.ReserveAsync(reservation.LocationCode, reservation.Quantities, ReservationReference.For(reservation.Id), ct);
        }
        catch (Domain.Inventory.InsufficientStockException)
        {
            var location = await db.RequireLocationAsync(reservation.LocationCode, ct);
            await db.RequireProductsAsync(lines.Select(l => l.Sku).ToList(), ct);
            if (!location.IsActive)
                throw new DomainException("location_inactive", $"Location '{location.Code}' is not active.", RefusalKind.Unprocessable);
            throw;
        }
        db.Reservations.Add(reservation);
        return ReservationResponse.From(reservation);
    }
}

public static class ReservationReference
{
    public static string For(Guid id) => $"reservation:{id}";
}
