using FluentValidation;
using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Inventory;

/// <summary>A physical count (stock adjustment): on-hand becomes what was counted.</summary>
public sealed record CountStock(string? LocationCode, string? Sku, int? CountedQuantity, string? Reason) : ICommand<StockLineResponse>;

public sealed class CountStockValidator : AbstractValidator<CountStock>
{
    public CountStockValidator()
    {
        RuleFor(x => x.LocationCode).IsCode();
        RuleFor(x => x.Sku).IsCode();
        RuleFor(x => x.CountedQuantity).NotNull().InclusiveBetween(0, ValidationRules.MaxQuantity);
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(200);
    }
}

public sealed class CountStockHandler(IHybridOrdersDbContext db, IStockLedger ledger, ICurrentUser user)
    : ICommandHandler<CountStock, StockLineResponse>
{
    public async ValueTask<StockLineResponse> Handle(CountStock command, CancellationToken ct)
    {
        user.EnsureCanActAt(command.LocationCode!);
        await db.RequireLocationAsync(command.LocationCode!, ct);
        await db.RequireProductsAsync([command.Sku!], ct);

        await ledger.CountAsync(new StockLineKey(command.LocationCode!, command.Sku!), command.CountedQuantity!.Value, command.Reason!.Trim(), ct);

        var line = await db.StockLines.AsNoTracking().SingleAsync(s => s.LocationCode == command.LocationCode && s.Sku == command.Sku, ct);
        return StockLineResponse.From(line);
    }
}
