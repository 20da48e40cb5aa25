using FluentValidation;
using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Inventory;

public sealed record ReceiveStock(string? LocationCode, IReadOnlyList<QuantityLine?>? Lines, string? Reference)
    : ICommand<StockReceiptResponse>;

public sealed class ReceiveStockValidator : AbstractValidator<ReceiveStock>
{
    public ReceiveStockValidator()
    {
        RuleFor(x => x.LocationCode).IsCode();
        this.ValidLines(x => x.Lines);
        RuleFor(x => x.Reference).MaximumLength(200);
    }
}

public sealed class ReceiveStockHandler(IHybridOrdersDbContext db, IStockLedger ledger, ICurrentUser user)
    : ICommandHandler<ReceiveStock, StockReceiptResponse>
{
    public async ValueTask<StockReceiptResponse> Handle(ReceiveStock command, CancellationToken ct)
    {
        user.EnsureCanActAt(command.LocationCode!);
        await db.RequireLocationAsync(command.LocationCode!, ct);
        var lines = command.Lines!.ToStockQuantities();
        await db.RequireProductsAsync(lines.Select(l => l.Sku).ToList(), ct);

        var reference = string.IsNullOrWhiteSpace(command.Reference) ? "receipt" : command.Reference.Trim();
        await ledger.ReceiveAsync(command.LocationCode!, lines, reference, ct);

        var skus = lines.Select(l => l.Sku).ToList();
        var stock = await db.StockLines.AsNoTracking()
            .Where(s => s.LocationCode == command.LocationCode && skus.Contains(s.Sku))
            .OrderBy(s => s.Sku).ToListAsync(ct);
        return new StockReceiptResponse(command.LocationCode!, command.Reference, stock.Select(StockLineResponse.From).ToList());
    }
}
