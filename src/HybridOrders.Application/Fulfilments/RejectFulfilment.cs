using FluentValidation;
using HybridOrders.Domain.Common;
using HybridOrders.Application.Orders;
using HybridOrders.Domain.Orders;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Fulfilments;

/// <summary>The body of a reject: why, and which units (none listed: all of it).</summary>
public sealed record RejectFulfilmentRequest(RejectionReason? Reason, IReadOnlyList<QuantityLine?>? Lines);

/// <summary>
/// A short pick: the origin of an allocated fulfilment cannot send (some of) it. The fulfilment ends as <c>rejected</c>
/// (a new one at the origin keeps the rest), the origin's stock is corrected by reason (<c>not_found</c>: on-hand falls as an
/// <c>adjustment</c>; <c>damaged</c>: out as <c>damaged</c>; <c>store_unable</c>: only released), the rejected units are routed
/// again at once elsewhere (<see cref="FulfilmentPlanner.RerouteAsync"/>), and what nobody can supply is cancelled on the order.
/// </summary>
public sealed record RejectFulfilment(Guid Id, RejectionReason? Reason, IReadOnlyList<QuantityLine?>? Lines) : ICommand<RejectFulfilmentResponse>;

public sealed class RejectFulfilmentValidator : AbstractValidator<RejectFulfilment>
{
    public RejectFulfilmentValidator()
    {
        RuleFor(x => x.Reason).NotNull().IsInEnum();
        When(x => x.Lines is not null, () => this.ValidLines(x => x.Lines));
    }
}

public sealed record CancelledLineResponse(string Sku, int Quantity, decimal RefundAmount);

/// <summary>The rejected fulfilment, the fulfilments that took over its rejected units, the new fulfilment keeping the rest at
/// the origin (null when all was rejected), what was cancelled on the order, and the order.</summary>
public sealed record RejectFulfilmentResponse(
    FulfilmentResponse Rejected,
    IReadOnlyList<FulfilmentResponse> Replacements,
    FulfilmentResponse? Kept,
    IReadOnlyList<CancelledLineResponse> CancelledLines,
    OrderResponse Order);

public sealed class RejectFulfilmentHandler(IHybridOrdersDbContext db, ICurrentUser user, IClock clock, FulfilmentPlanner planner,
    Promotions.PromotionRedemption promotions)
    : ICommandHandler<RejectFulfilment, RejectFulfilmentResponse>
{
    public async ValueTask<RejectFulfilmentResponse> Handle(RejectFulfilment command, CancellationToken ct)
    {
        if (user.Role is ApiRole.Storefront)
            throw new ForbiddenAccessException("Only the origin's POS, logistics or an admin may reject a fulfilment.");
        var order = await OrderTransitions.LoadByFulfilmentAsync(db, command.Id, ct);
        if (user.Role == ApiRole.Pos) user.EnsureCanActAt(order.FulfilmentOf(command.Id).OriginLocationCode);

        var now = clock.GetCurrentInstant();
        var rejection = order.Reject(command.Id, command.Reason!.Value, command.Lines?.ToStockQuantities(), now);
        // The order's row first (version-checked): of two racing rejects one wins, the other is refused before any stock moves.
        await OrderTransitions.SaveAsync(db, order, ct);

        var rejected = rejection.Rejected;
        var reference = $"{order.StockReference}:{rejected.Code}:rejected:{rejection.Reason.ToSnakeCase()}";
        var origin = new StockMoves();
        _ = rejection.Reason switch
        {
            RejectionReason.NotFound => origin.WriteOffMissing(rejected.StockLocationCode, rejection.Lines, reference),
            RejectionReason.Damaged => origin.WriteOffDamaged(rejected.StockLocationCode, rejection.Lines, reference),
            _ => origin.Release(rejected.StockLocationCode, rejection.Lines, reference),
        };
        var cancelled = await planner.RerouteAsync(order, rejection, origin, await db.ReturnedUnitsAsync(order.Id, ct), now, ct);
        // Nothing left anywhere cancelled the whole order: its redemption comes back. Only now is that known, so the promotion's row is
        // locked after the stock lines here (the other way round from placing an order); a rare deadlock with an order redeeming the same
        // code is retried whole by the transaction behaviour.
        await promotions.GiveBackAsync(order, ct);

        var replacements = order.Fulfilments.Where(f => f.ReplacesFulfilmentId == rejected.Id && f != rejection.Kept)
            .OrderBy(f => f.Code, StringComparer.Ordinal).Select(f => FulfilmentResponse.From(f, order.Number)).ToList();
        return new RejectFulfilmentResponse(FulfilmentResponse.From(rejected, order.Number), replacements,
            rejection.Kept is { } kept ? FulfilmentResponse.From(kept, order.Number) : null,
            cancelled.Select(c => new CancelledLineResponse(c.Sku, c.Quantity, c.RefundAmount)).ToList(), OrderResponse.From(order));
    }
}
