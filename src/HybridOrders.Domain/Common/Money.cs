namespace HybridOrders.Domain.Common;

/// <summary>Money rules: two decimals, rounded half away from zero (commercial rounding).</summary>
public static class Money
{
    public const decimal Max = 1_000_000_000m;

    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static bool HasAtMostTwoDecimals(decimal amount) => amount == Round(amount);

    /// <summary>
    /// Splits <paramref name="amount"/> over <paramref name="weights"/> in proportion, to the cent, so that the parts sum
    /// exactly to the amount (largest remainder: the cents lost to rounding down go to the largest fractions, ties to the
    /// earlier weight). Never gives a part more than its weight when the amount does not exceed their sum.
    /// </summary>
    public static IReadOnlyList<decimal> Allocate(decimal amount, IReadOnlyList<decimal> weights)
    {
        var total = weights.Sum();
        if (weights.Count == 0 || amount == 0 || total == 0) return weights.Select(_ => 0m).ToList();
        var cents = (long)decimal.Round(amount * 100m, 0, MidpointRounding.AwayFromZero);
        var exact = weights.Select(w => cents * w / total).ToList();
        var parts = exact.Select(e => (long)decimal.Floor(e)).ToArray();
        var left = cents - parts.Sum();
        foreach (var i in exact.Select((e, i) => (Fraction: e - decimal.Floor(e), Index: i))
                     .OrderByDescending(x => x.Fraction).ThenBy(x => x.Index).Take((int)left).Select(x => x.Index))
            parts[i]++;
        return parts.Select(p => p / 100m).ToList();
    }
}
