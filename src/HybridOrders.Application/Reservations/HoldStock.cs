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
    int? HoldMinutes) : ICommand<ReservationResponse>, ITransactionOnDemand;

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

public sealed class HoldStockHandler(IHybridOrdersDbContext db, IStockLedger ledger, IClock clock, ICurrentUser user, Customers.CustomerRegistry customers,
    IUnitOfWork unitOfWork)
    : ICommandHandler<HoldStock, ReservationResponse>
{
    public async ValueTask<ReservationResponse> Handle(HoldStock command, CancellationToken ct)
    {
        user.EnsureCanActAt(command.LocationCode!);
        var lines = command.Lines!.ToStockQuantities();
        var reservation = new Reservation(Guid.CreateVersion7(), command.LocationCode!, command.Channel!.Value,
            command.Customer!.ToDomain(), lines, clock.GetCurrentInstant(),
            Duration.FromMinutes(command.HoldMinutes ?? Reservation.DefaultHoldMinutes));

        // The common case, a returning customer's hold of what is there, is one statement that commits by itself.
        if (await ledger.TryHoldAtOnceAsync(reservation, ct)) return ReservationResponse.From(reservation);

        // Every other case in one transaction. Its hot part is still the conditional update alone (it also checks the location
        // is active). Only a refusal reads the location and the catalogue, to say precisely why: unknown location or SKU,
        // inactive location, or short stock.
        await unitOfWork.BeginAsync(ct);
        string? linked;
        try
        {
            linked = await ledger.HoldAsync(reservation, ct); // the stock, its ledger rows and the reservation itself
        }
        catch (Domain.Inventory.InsufficientStockException)
        {
            var location = await db.RequireLocationAsync(reservation.LocationCode, ct);
            await db.RequireProductsAsync(lines.Select(l => l.Sku).ToList(), ct);
            if (!location.IsActive)
                throw new DomainException("location_inactive", $"Location '{location.Code}' is not active.", RefusalKind.Unprocessable);
            throw;
        }
        if (linked is null) // unless the hold's own statement already linked a returning customer
            await customers.RecordAsync(reservation.Customer, reservation.Channel, Domain.Customers.CustomerActivity.Reservation, reservation.Id, ct);
        return ReservationResponse.From(reservation);
    }
}

public static class ReservationReference
{
    public static string For(Guid id) => $"reservation:{id}";
}
