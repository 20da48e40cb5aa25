namespace HybridOrders.Domain.Forecasting;

/// <summary>
/// The inverse of the standard normal distribution function, by Peter J. Acklam's rational approximation
/// ("An algorithm for computing the inverse normal cumulative distribution function", 2003): relative error below
/// 1.15·10⁻⁹ over (0, 1), without the optional Halley refinement step.
/// </summary>
public static class InverseNormal
{
    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];

    private const double Low = 0.02425;
    private const double High = 1 - Low;

    /// <summary>z with Φ(z) = p, for 0 &lt; p &lt; 1.</summary>
    public static double Quantile(double p)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must lie strictly between 0 and 1.");
        if (p < Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        if (p > High)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        {
            var q = p - 0.5;
            var r = q * q;
            return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                   / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        }
    }
}

/// <summary>
/// Safety stock for a cycle service level over a replenishment lead time, from the spread of the daily forecast errors:
/// SS = ⌈z(serviceLevel) · σ_daily · √L⌉ (see docs/decisions/0008-demand-forecast-and-safety-stock.md for why and what it assumes).
/// </summary>
public static class SafetyStock
{
    public const double MinServiceLevel = 0.5;   // exclusive: z = 0
    public const double MaxServiceLevel = 0.999; // exclusive
    public const int MaxLeadTimeDays = 365;

    public static bool IsServiceLevel(double level) => level > MinServiceLevel && level < MaxServiceLevel;

    /// <summary>σ over the lead time: daily errors taken as independent with equal variance, so variances add up over L days.</summary>
    public static double LeadTimeStdDev(double dailyErrorStdDev, int leadTimeDays) => dailyErrorStdDev * Math.Sqrt(leadTimeDays);

    public static int Suggest(double serviceLevel, int leadTimeDays, double dailyErrorStdDev)
    {
        if (!IsServiceLevel(serviceLevel)) throw new ArgumentOutOfRangeException(nameof(serviceLevel));
        ArgumentOutOfRangeException.ThrowIfLessThan(leadTimeDays, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(dailyErrorStdDev);
        var units = InverseNormal.Quantile(serviceLevel) * LeadTimeStdDev(dailyErrorStdDev, leadTimeDays);
        // A hair below a whole number is that number (floating-point noise must not add a unit).
        return (int)Math.Min(int.MaxValue, Math.Ceiling(units - 1e-9));
    }
}
