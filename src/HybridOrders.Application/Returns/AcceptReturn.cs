using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Application.Orders;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Returns;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Returns;

public sealed record ReturnLineRequest(string? Sku, int? Quantity, ItemCondition? Condition);

/// <summary>Goods of an order (online or in store) come back at any store.</summary>
public sealed record AcceptReturn(Guid? OrderId, string? LocationCode, IReadOnlyList<ReturnLineRequest?>? Lines, string? Reason)
    : ICommand<ReturnResponse>;

public sealed class ReturnLineValidator : AbstractValidator<ReturnLineRequest>
{
    public ReturnLineValidator()
    {
        RuleFor(l => l.Sku).IsCode();
        RuleFor(l => l.Quantity).IsQuantity();
        RuleFor(l => l.Condition).NotNull().IsInEnum();
    }
}

public sealed class AcceptReturnValidator : AbstractValidator<AcceptReturn>
{
    public AcceptReturnValidator()
    {
        RuleFor(x => x.OrderId).NotNull().NotEqual(Guid.Empty);
        RuleFor(x => x.LocationCode).IsCode();
        this.ValidLines(x => x.Lines, new ReturnLineValidator());
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }
}

public sealed class AcceptReturnHandler(IHybridOrdersDbContext db, IStockLedger ledger, IClock clock, ICurrentUser user, ReturnSettings settings)
    : ICommandHandler<AcceptReturn, ReturnResponse>
{
    public async ValueTask<ReturnResponse> Handle(AcceptReturn command, CancellationToken ct)
    {
        user.EnsureCanActAt(command.LocationCode!);
        var location = await db.RequireLocationAsync(command.LocationCode!, ct);
        var order = await db.WithFulfilments().FirstOrDefaultAsync(o => o.Id == command.OrderId, ct)
                    ?? throw new UnknownReferenceException("unknown_order", $"There is no order {command.OrderId}.", [command.OrderId.ToString()!]);
        var previous = await db.ReturnedUnitsAsync(order.Id, ct);

        // The rules (handed over only, never more than bought, within the window, refund to the cent) are the order's own.
        var accepted = order.AcceptReturn(Guid.CreateVersion7(), location.Code,
            command.Lines!.Select(l => (l!.Sku!, l.Condition!.Value, l.Quantity!.Value)), previous, command.Reason!.Trim(),
            Duration.FromDays(settings.WindowDays), clock.GetCurrentInstant());
        await OrderTransitions.SaveAsync(db, order, ct); // version-checked: two returns of one order cannot take the same units
        db.Returns.Add(accepted);

        var lines = accepted.Lines;
        var reference = $"return:{accepted.Id}:{order.StockReference}";
        var resellable = lines.Where(l => l.Condition == ItemCondition.Resellable).Select(l => new StockQuantity(l.Sku, l.Quantity));
        var damaged = lines.Where(l => l.Condition == ItemCondition.Damaged).Select(l => new StockQuantity(l.Sku, l.Quantity));
        await ledger.ApplyAsync(new StockMoves().ReturnToStock(location.Code, resellable, reference).RecordDamaged(location.Code, damaged, reference), ct);
        return ReturnResponse.From(accepted);
    }
}
