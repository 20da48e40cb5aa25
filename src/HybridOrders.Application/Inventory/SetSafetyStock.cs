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
        await RequireStockKeyAsync(db, command.LocationCode, command.Sku, ct);
        await ledger.SetSafetyStockAsync(command.LocationCode, command.Sku, command.Quantity!.Value, ct);
        var line = await db.StockLines.AsNoTracking().SingleAsync(s => s.LocationCode == command.LocationCode && s.Sku == command.Sku, ct);
        return StockLineResponse.From(line);
    }

    /// <summary>Both parts of a /locations/{code}/stock/{sku} route exist, or 404.</summary>
    internal static async Task RequireStockKeyAsync(IHybridOrdersDbContext db, string locationCode, string sku, CancellationToken ct)
    {
        if (!await db.Locations.AnyAsync(l => l.Code == locationCode, ct)) throw new NotFoundException("Location", locationCode);
        if (!await db.Products.AnyAsync(p => p.Sku == sku, ct)) throw new NotFoundException("Product", sku);
    }
}
