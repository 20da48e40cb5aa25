namespace HybridOrders.Domain.Forecasting;

/// <summary>What the forecaster did: Holt-Winters with a damped or an undamped additive trend, or nothing for lack of history.</summary>
public enum ForecastMethod
{
    HoltWintersDamped,
    HoltWintersAdditive,
    InsufficientHistory,
}

/// <summary>The error of the method on days it was not fitted on, beside a seasonal-naive forecast's (WAPE; null when nothing was sold).</summary>
public sealed record Backtest(int Days, double? Wape, double? SeasonalNaiveWape);

/// <summary>
/// A daily forecast and what it rests on. <see cref="Values"/> are never negative (demand is not); <see cref="ResidualStdDev"/>
/// is the standard deviation of the fitted model's one-step (daily) errors, the σ of the safety-stock formula.
/// </summary>
public sealed record DemandForecast(ForecastMethod Method, IReadOnlyList<double> Values, Backtest? Backtest, double? ResidualStdDev,
    SmoothingParameters? Parameters, int HistoryDays);

/// <summary>
/// Daily demand forecast with a weekly season: additive Holt-Winters (<see cref="HoltWinters"/>), its smoothing
/// parameters chosen by a grid search minimising the sum of squared one-step errors, checked on a held-out tail
/// against the seasonal-naive forecast ŷ(T+h) = y(T+h−m(k+1)) (FPP3 §5.2).
/// </summary>
public static class DemandForecaster
{
    public const int Week = 7;

    /// <summary>Two full weeks: the fewest days the model's initial states can be estimated from.</summary>
    public static readonly int MinimumHistory = HoltWinters.MinimumLength(Week);

    // The grid: FPP3 §8.3 notes φ is rarely below 0.8 (strong damping) and suggests restricting it to 0.8–0.98; 1.0 is
    // the undamped trend. γ is kept within 0..1−α, the usual admissible region.
    private static readonly double[] Alphas = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7];
    private static readonly double[] Betas = [0, 0.01, 0.03, 0.1, 0.2];
    private static readonly double[] Gammas = [0, 0.05, 0.1, 0.2, 0.35];
    private static readonly double[] Phis = [0.8, 0.9, 0.98, 1.0];

    /// <summary>Forecasts <paramref name="horizon"/> days after <paramref name="history"/> (one value a day, oldest first, zeros for
    /// days without sales) and backtests the same method on the last <paramref name="horizon"/> days (fewer when the history
    /// is short: the fit always keeps at least <see cref="MinimumHistory"/> days).</summary>
    public static DemandForecast Forecast(IReadOnlyList<double> history, int horizon, bool backtest = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        var y = history.ToArray();
        if (y.Length < MinimumHistory) return new DemandForecast(ForecastMethod.InsufficientHistory, [], null, null, null, y.Length);

        var model = FitBest(y);
        var values = model.Forecast(horizon).Select(v => Math.Max(0, v)).ToArray();
        var sigma = ResidualStdDev(model);

        var held = Math.Min(horizon, y.Length - MinimumHistory);
        Backtest? result = null;
        if (backtest && held > 0)
        {
            var train = y.AsSpan(0, y.Length - held);
            var actual = y.AsSpan(y.Length - held);
            var predicted = FitBest(train).Forecast(held).Select(v => Math.Max(0, v)).ToArray();
            var naive = SeasonalNaive(train, Week, held);
            result = new Backtest(held, Wape(actual, predicted), Wape(actual, naive));
        }
        var method = model.Parameters.Phi < 1 ? ForecastMethod.HoltWintersDamped : ForecastMethod.HoltWintersAdditive;
        return new DemandForecast(method, values, result, sigma, model.Parameters, y.Length);
    }

    /// <summary>The parameters of the grid with the smallest sum of squared one-step errors.</summary>
    public static HoltWinters FitBest(ReadOnlySpan<double> y)
    {
        var best = default(SmoothingParameters);
        var bestSse = double.PositiveInfinity;
        Span<double> season = stackalloc double[Week];
        foreach (var phi in Phis)
        foreach (var alpha in Alphas)
        foreach (var beta in Betas)
        foreach (var gamma in Gammas)
        {
            if (gamma > 1 - alpha) continue;
            var p = new SmoothingParameters(alpha, beta, gamma, phi);
            var sse = HoltWinters.OneStepSse(y, Week, p, season, bestSse);
            // Ties (e.g. a constant series) go to the first, most damped, smoothest candidate.
            if (double.IsPositiveInfinity(bestSse) || sse < bestSse - 1e-9 * Math.Max(1, bestSse))
            {
                bestSse = sse;
                best = p;
            }
        }
        return HoltWinters.Fit(y, Week, best);
    }

    /// <summary>ŷ(T+h) = y(T+h−m(k+1)), k = ⌊(h−1)/m⌋: each day as the same weekday of the last week.</summary>
    public static double[] SeasonalNaive(ReadOnlySpan<double> y, int m, int horizon)
    {
        var result = new double[horizon];
        for (var h = 1; h <= horizon; h++) result[h - 1] = y[y.Length - m + (h - 1) % m];
        return result;
    }

    /// <summary>Weighted absolute percentage error Σ|y − ŷ| / Σ|y|; null when nothing was sold (nothing to weigh by).</summary>
    public static double? Wape(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        double errors = 0, total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            errors += Math.Abs(actual[i] - predicted[i]);
            total += Math.Abs(actual[i]);
        }
        return total == 0 ? null : errors / total;
    }

    /// <summary>Root mean square of the one-step errors after the first season (which the initial states were read from).</summary>
    private static double ResidualStdDev(HoltWinters model)
    {
        var errors = model.OneStepErrors;
        double sum = 0;
        var n = 0;
        for (var t = model.SeasonLength; t < errors.Count; t++)
        {
            sum += errors[t] * errors[t];
            n++;
        }
        return n == 0 ? 0 : Math.Sqrt(sum / n);
    }
}
