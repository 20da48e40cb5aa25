using System.Globalization;
using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Inventory;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Inventory;

public sealed record ListStockMovements(string LocationCode, string Sku, int? Limit, string? Cursor) : IQuery<StockMovementPage>;

public sealed record StockMovementResponse(long Id, MovementKind Kind, int OnHandDelta, int ReservedDelta, string? Reference, Instant OccurredAt);

/// <summary>The ledger of one stock line, oldest first, with the line's current figures for reconciliation.</summary>
public sealed record StockMovementPage(IReadOnlyList<StockMovementResponse> Items, string? NextCursor, StockLineResponse Current);

public sealed class ListStockMovementsValidator : AbstractValidator<ListStockMovements>
{
    public ListStockMovementsValidator()
    {
        RuleFor(x => x.Limit).IsPageLimit();
        RuleFor(x => x.Cursor).IsCursor(k => long.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out _));
    }
}

public sealed class ListStockMovementsHandler(IHybridOrdersDbContext db, ICurrentUser user) : IQueryHandler<ListStockMovements, StockMovementPage>
{
    public async ValueTask<StockMovementPage> Handle(ListStockMovements query, CancellationToken ct)
    {
        user.EnsureCanActAt(query.LocationCode);
        await db.RequireStockKeyAsync(query.LocationCode, query.Sku, ct);
        var limit = query.Limit ?? Paging.DefaultLimit;
        Paging.TryDecode(query.Cursor, out var after);
        var afterId = after is null ? 0L : long.Parse(after, CultureInfo.InvariantCulture);

        var fetched = await db.StockMovements.AsNoTracking()
            .Where(m => m.LocationCode == query.LocationCode && m.Sku == query.Sku && m.Id > afterId)
            .OrderBy(m => m.Id).Take(limit + 1).ToListAsync(ct);
        var page = Paging.ToPage(fetched, limit, m => m.Id.ToString(CultureInfo.InvariantCulture),
            m => new StockMovementResponse(m.Id, m.Kind, m.OnHandDelta, m.ReservedDelta, m.Reference, m.OccurredAt));
        var line = await db.StockLines.AsNoTracking().FirstOrDefaultAsync(s => s.LocationCode == query.LocationCode && s.Sku == query.Sku, ct)
                   ?? StockLine.Empty(query.LocationCode, query.Sku);
        return new StockMovementPage(page.Items, page.NextCursor, StockLineResponse.From(line));
    }
}
