using HybridOrders.Domain.Common;
using NodaTime;

namespace HybridOrders.Domain.Promotions;

/// <summary>Why a code was refused: <c>unknown</c>, <c>not_yet_valid</c>, <c>expired</c>, <c>exhausted</c> or <c>minimum_not_met</c>.</summary>
public sealed record PromoRefusal(string Code, string Reason);

public enum PromotionKind
{
    Percent,
    Amount,
}

/// <summary>One promo code, the same in every channel. Codes are matched case-insensitively (kept upper-case).</summary>
public sealed class Promotion
{
    private Promotion() { } // EF Core

    public Promotion(string code, PromotionKind kind, decimal value, Instant startsAt, Instant endsAt,
        decimal? minimumOrderTotal, int? maxRedemptions, Instant createdAt)
    {
        if (endsAt <= startsAt) throw new ArgumentException("A promotion must end after it starts.");
        Code = Normalize(code);
        Kind = kind;
        Value = value;
        StartsAt = startsAt;
        EndsAt = endsAt;
        MinimumOrderTotal = minimumOrderTotal;
        MaxRedemptions = maxRedemptions;
        CreatedAt = createdAt;
    }

    public string Code { get; private set; } = null!;
    public PromotionKind Kind { get; private set; }
    public decimal Value { get; private set; }
    public Instant StartsAt { get; private set; }
    public Instant EndsAt { get; private set; }
    public decimal? MinimumOrderTotal { get; private set; }
    public int? MaxRedemptions { get; private set; }

    /// <summary>Orders that used the code. Raised only by an atomic conditional update, so the cap holds under concurrency.</summary>
    public int Redemptions { get; private set; }

    public Instant CreatedAt { get; private set; }

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    /// <summary>Why the code cannot be used for an order of <paramref name="subtotal"/> now (a stable code and words for people), or null.</summary>
    public PromoRefusal? RefusalReason(Instant now, decimal subtotal) =>
        now < StartsAt ? new("not_yet_valid", $"promo code {Code} is not valid before {StartsAt}")
        : now >= EndsAt ? new("expired", $"promo code {Code} expired at {EndsAt}")
        : MaxRedemptions is { } max && Redemptions >= max ? Exhausted()
        : MinimumOrderTotal is { } min && subtotal < min ? new("minimum_not_met", $"promo code {Code} needs an order of at least {min:0.00}")
        : null;

    public PromoRefusal Exhausted() => new("exhausted", $"promo code {Code} has been used {MaxRedemptions} times, its limit");

    /// <summary>The discount on a subtotal: a percentage rounded to the cent, or a fixed amount never above the subtotal.</summary>
    public decimal DiscountOn(decimal subtotal) => Kind == PromotionKind.Percent
        ? Math.Min(subtotal, Money.Round(subtotal * Value / 100m))
        : Math.Min(subtotal, Value);
}
