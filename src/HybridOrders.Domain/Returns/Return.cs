using HybridOrders.Domain.Common;
using NodaTime;

namespace HybridOrders.Domain.Returns;

public enum ItemCondition
{
    Resellable,
    Damaged,
}

/// <summary>Goods of an order brought back to a store, and what was refunded for them.</summary>
public sealed class Return : AggregateRoot
{
    private readonly List<ReturnLine> _lines = [];

    private Return() { } // EF Core

    public Return(Guid id, Guid orderId, string orderNumber, string locationCode, IEnumerable<ReturnLine> lines, string reason,
        string currency, Instant createdAt)
    {
        Id = id;
        OrderId = orderId;
        OrderNumber = orderNumber;
        LocationCode = locationCode;
        _lines.AddRange(lines);
        if (_lines.Count == 0) throw new ArgumentException("A return needs at least one line.", nameof(lines));
        Reason = reason;
        RefundAmount = _lines.Sum(l => l.RefundAmount);
        Currency = currency;
        CreatedAt = createdAt;
        Raise(new ReturnAccepted(this));
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public string OrderNumber { get; private set; } = null!;
    public string LocationCode { get; private set; } = null!;
    public string Reason { get; private set; } = null!;
    public decimal RefundAmount { get; private set; }
    public string Currency { get; private set; } = null!;
    public Instant CreatedAt { get; private set; }
    public IReadOnlyList<ReturnLine> Lines => _lines;
}

public sealed record ReturnAccepted(Return Return) : IDomainEvent
{
    public string Type => EventTypes.ReturnAccepted;
}

public sealed class ReturnLine
{
    private ReturnLine() { } // EF Core

    public ReturnLine(string sku, ItemCondition condition, int quantity, decimal refundAmount)
    {
        Sku = sku;
        Condition = condition;
        Quantity = quantity;
        RefundAmount = refundAmount;
    }

    public string Sku { get; private set; } = null!;
    public ItemCondition Condition { get; private set; }
    public int Quantity { get; private set; }
    public decimal RefundAmount { get; private set; }
}

/// <summary>
/// What a customer gets back: what they paid for those units, after any discount, to the cent. Computed cumulatively
/// (refund of units a..b = paid share of b units − paid share of a units), so partial returns over several visits add
/// up to exactly the line total when everything has come back, and never more.
/// </summary>
public static class Refund
{
    public static decimal For(decimal lineTotal, int quantityBought, int alreadyReturned, int returningNow) =>
        Share(lineTotal, quantityBought, alreadyReturned + returningNow) - Share(lineTotal, quantityBought, alreadyReturned);

    private static decimal Share(decimal lineTotal, int bought, int units) => Money.Round(lineTotal * units / bought);
}
