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

public sealed class AcceptReturnValidator : AbstractValidator<AcceptReturn>
{
    public AcceptReturnValidator()
    {
        RuleFor(x => x.OrderId).NotNull().NotEqual(Guid.Empty);
        RuleFor(x => x.LocationCode).IsCode();
        RuleFor(x => x.Lines).NotEmpty().Must(l => l is null || l.Count <= ValidationRules.MaxLines)
            .WithMessage($"At most {ValidationRules.MaxLines} lines are allowed.");
        RuleForEach(x => x.Lines).Cascade(CascadeMode.Continue).NotNull().ChildRules(line =>
        {
            line.RuleFor(l => l!.Sku).IsCode();
            line.RuleFor(l => l!.Quantity).IsQuantity();
            line.RuleFor(l => l!.Condition).NotNull().IsInEnum();
        });
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
        var now = clock.GetCurrentInstant();
        var window = Duration.FromDays(settings.WindowDays);
        var previous = await db.Returns.AsNoTracking().Where(r => r.OrderId == order.Id).SelectMany(r => r.Lines)
            .GroupBy(l => l.Sku).Select(g => new { Sku = g.Key, Quantity = g.Sum(l => l.Quantity) }).ToDictionaryAsync(x => x.Sku, x => x.Quantity, ct);
        var handedOver = order.HandedOver().ToList();

        var lines = new List<ReturnLine>();
        foreach (var group in command.Lines!.GroupBy(l => (l!.Sku!, l.Condition!.Value)))
        {
            var (sku, condition) = group.Key;
            var quantity = group.Sum(l => l!.Quantity!.Value);
            var bought = order.Lines.FirstOrDefault(l => l.Sku == sku);
            var alreadyReturned = previous.GetValueOrDefault(sku) + lines.Where(l => l.Sku == sku).Sum(l => l.Quantity);
            var received = handedOver.Where(h => h.Sku == sku).Sum(h => h.Quantity);
            var inWindow = handedOver.Where(h => h.Sku == sku && now <= h.HandedOverAt + window).Sum(h => h.Quantity);
            if (bought is null || quantity > received - alreadyReturned)
                throw new DomainException("return_exceeds_purchase",
                    $"Order {order.Number} can take back at most {Math.Max(0, received - alreadyReturned)} of {sku} (collected or delivered {received}, already returned {alreadyReturned}).",
                    RefusalKind.Unprocessable);
            // Oldest units are taken back first: the ones that left the window are spent before those still in it.
            if (quantity > inWindow - Math.Max(0, alreadyReturned - (received - inWindow)))
                throw new DomainException("return_window_closed",
                    $"The {settings.WindowDays}-day return window for {sku} of order {order.Number} has closed.", RefusalKind.Unprocessable);
            lines.Add(new ReturnLine(sku, condition, quantity, Refund.For(bought.LineTotal, bought.Quantity, alreadyReturned, quantity)));
        }

        var accepted = new Return(Guid.CreateVersion7(), order.Id, order.Number, location.Code, lines, command.Reason!.Trim(), order.Currency, now);
        order.RecordReturn(lines.Sum(l => l.Quantity), accepted.RefundAmount);
        await OrderTransitions.SaveAsync(db, order, ct); // version-checked: two returns of one order cannot take the same units
        db.Returns.Add(accepted);

        var reference = $"return:{accepted.Id}:order:{order.Number}";
        var resellable = lines.Where(l => l.Condition == ItemCondition.Resellable).Select(l => new StockQuantity(l.Sku, l.Quantity));
        var damaged = lines.Where(l => l.Condition == ItemCondition.Damaged).Select(l => new StockQuantity(l.Sku, l.Quantity));
        await ledger.ApplyAsync(new StockMoves().ReturnToStock(location.Code, resellable, reference).RecordDamaged(location.Code, damaged, reference), ct);
        return ReturnResponse.From(accepted);
    }
}
