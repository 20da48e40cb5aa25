namespace HybridOrders.Domain.Common;

/// <summary>Money rules: two decimals, rounded half away from zero (commercial rounding).</summary>
public static class Money
{
    public const decimal Max = 1_000_000_000m;

    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static bool HasAtMostTwoDecimals(decimal amount) => amount == Round(amount);
}
