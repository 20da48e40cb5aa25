using FluentValidation;
using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Inventory;

public sealed record SetSafetyStock(string LocationCode, string Sku, int? Quantity) : ICommand<StockLineResponse>;

public sealed class SetSafetyStockValidator : AbstractValidator<SetSafetyStock>
{
    public SetSafetyStockValidator()
    {
        RuleFor(x => x.Quantity).NotNull().InclusiveBetween(0, ValidationRules.MaxQuantity);
    }
}

public sealed class SetSafetyStockHandler(IHybridOrdersDbContext db, IStockLedger ledger)
    : ICommandHandler<SetSafetyStock, StockLineResponse>
{
    public async ValueTask<StockLineResponse> Handle(SetSafetyStock command, CancellationToken ct)
    {
        await db.RequireStockKeyAsync(command.LocationCode, command.Sku, ct);
        await ledger.SetSafetyStockAsync(new StockLineKey(command.LocationCode, command.Sku), command.Quantity!.Value, ct);
        var line = await db.StockLines.AsNoTracking().SingleAsync(s => s.LocationCode == command.LocationCode && s.Sku == command.Sku, ct);
        return StockLineResponse.From(line);
    }
}
