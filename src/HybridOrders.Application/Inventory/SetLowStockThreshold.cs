using FluentValidation;
using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Inventory;

/// <summary>Sets when a stock line counts as low: available at or below the threshold raises <c>stock.low</c>, rising above it
/// <c>stock.back_in_stock</c> (default 0: sold out and back).</summary>
public sealed record SetLowStockThreshold(string LocationCode, string Sku, int? Quantity) : ICommand<StockLineResponse>;

public sealed class SetLowStockThresholdValidator : AbstractValidator<SetLowStockThreshold>
{
    public SetLowStockThresholdValidator() => RuleFor(x => x.Quantity).NotNull().InclusiveBetween(0, ValidationRules.MaxQuantity);
}

public sealed class SetLowStockThresholdHandler(IHybridOrdersDbContext db, IStockLedger ledger)
    : ICommandHandler<SetLowStockThreshold, StockLineResponse>
{
    public async ValueTask<StockLineResponse> Handle(SetLowStockThreshold command, CancellationToken ct)
    {
        var key = new StockLineKey(command.LocationCode, command.Sku);
        await db.RequireStockKeyAsync(key.LocationCode, key.Sku, ct);
        await ledger.SetLowStockThresholdAsync(key, command.Quantity!.Value, ct);
        return StockLineResponse.From(await db.StockLines.AsNoTracking().SingleAsync(s => s.LocationCode == key.LocationCode && s.Sku == key.Sku, ct));
    }
}
