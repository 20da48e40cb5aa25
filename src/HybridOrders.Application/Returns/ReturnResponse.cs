using HybridOrders.Domain.Returns;
using NodaTime;

namespace HybridOrders.Application.Returns;

public sealed record ReturnLineResponse(string Sku, int Quantity, ItemCondition Condition, decimal RefundAmount);

public sealed record ReturnResponse(Guid Id, Guid OrderId, string OrderNumber, string LocationCode, IReadOnlyList<ReturnLineResponse> Lines,
    string Reason, decimal RefundAmount, string Currency, Instant CreatedAt)
{
    public static ReturnResponse From(Return r) => new(r.Id, r.OrderId, r.OrderNumber, r.LocationCode,
        r.Lines.Select(l => new ReturnLineResponse(l.Sku, l.Quantity, l.Condition, l.RefundAmount)).ToList(),
        r.Reason, r.RefundAmount, r.Currency, r.CreatedAt);
}
