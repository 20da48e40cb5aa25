namespace HybridOrders.Domain.Forecasting;

/// <summary>Smoothing parameters of additive Holt-Winters with a damped trend. φ = 1 is the undamped additive trend.</summary>
public readonly record struct SmoothingParameters(double Alpha, double Beta, double Gamma, double Phi);

/// <summary>
/// Additive Holt-Winters with a (possibly damped) additive trend and an additive season of length m: ETS(A,Ad,A).
/// The recursions are those of Hyndman &amp; Athanasopoulos, <i>Forecasting: Principles and Practice</i> (3rd ed.),
/// §8.3 "Methods with seasonality" (the damped Holt-Winters method):
/// <code>
///   ŷ(t+h|t) = ℓ(t) + (φ + φ² + … + φ^h)·b(t) + s(t+h−m(k+1)),   k = ⌊(h−1)/m⌋
///   ℓ(t)     = α·(y(t) − s(t−m)) + (1−α)·(ℓ(t−1) + φ·b(t−1))
///   b(t)     = β*·(ℓ(t) − ℓ(t−1)) + (1−β*)·φ·b(t−1)
///   s(t)     = γ·(y(t) − ℓ(t−1) − φ·b(t−1)) + (1−γ)·s(t−m)
/// </code>
/// Initial states by the classical heuristic (FPP3 §8.3 / Hyndman et al. 2008, §2.6.1): ℓ(0) = mean of the first season,
/// b(0) = (mean of the second season − mean of the first) / m, s(j) = y(j) − ℓ(0) for the first season. So at least two
/// full seasons are needed. The fit runs the recursion over every observation and records the one-step errors
/// e(t) = y(t) − ŷ(t|t−1); their sum of squares is what the grid search minimises (the likelihood of ETS with additive
/// Gaussian errors is monotone in it for a fixed n).
/// </summary>
public sealed class HoltWinters
{
    private readonly double[] _season;

    private HoltWinters(SmoothingParameters parameters, int seasonLength, double level, double trend, double[] season, int seasonIndex,
        double sumOfSquaredErrors, double[] errors)
    {
        Parameters = parameters;
        SeasonLength = seasonLength;
        Level = level;
        Trend = trend;
        _season = season;
        NextSeasonIndex = seasonIndex;
        SumOfSquaredErrors = sumOfSquaredErrors;
        OneStepErrors = errors;
    }

    public SmoothingParameters Parameters { get; }
    public int SeasonLength { get; }
    public double Level { get; }
    public double Trend { get; }
    /// <summary>The seasonal states, indexed by position in the season cycle.</summary>
    public IReadOnlyList<double> Season => _season;
    /// <summary>Position in the season cycle of the first day after the series.</summary>
    public int NextSeasonIndex { get; }
    public double SumOfSquaredErrors { get; }
    /// <summary>y(t) − ŷ(t|t−1) for every observation t.</summary>
    public IReadOnlyList<double> OneStepErrors { get; }

    public static int MinimumLength(int seasonLength) => 2 * seasonLength;

    /// <summary>Runs the recursions over <paramref name="y"/> with fixed parameters.</summary>
    public static HoltWinters Fit(ReadOnlySpan<double> y, int seasonLength, SmoothingParameters p)
    {
        var season = new double[seasonLength];
        var errors = new double[y.Length];
        var (level, trend, sse) = Run(y, seasonLength, p, season, errors, double.PositiveInfinity);
        return new HoltWinters(p, seasonLength, level, trend, season, y.Length % seasonLength, sse, errors);
    }

    /// <summary>The sum of squared one-step errors with these parameters, or +∞ as soon as it exceeds <paramref name="limit"/>
    /// (a grid search need not finish a candidate that has already lost). <paramref name="season"/> is scratch space of length m.</summary>
    public static double OneStepSse(ReadOnlySpan<double> y, int seasonLength, SmoothingParameters p, Span<double> season, double limit) =>
        Run(y, seasonLength, p, season, [], limit).Sse;

    private static (double Level, double Trend, double Sse) Run(ReadOnlySpan<double> y, int m, SmoothingParameters p, Span<double> season,
        Span<double> errors, double limit)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m));
        if (y.Length < MinimumLength(m)) throw new ArgumentException($"At least {MinimumLength(m)} observations are needed.", nameof(y));

        double first = 0, second = 0;
        for (var j = 0; j < m; j++)
        {
            first += y[j];
            second += y[m + j];
        }
        first /= m;
        second /= m;
        var level = first;
        var trend = (second - first) / m;
        for (var j = 0; j < m; j++) season[j] = y[j] - first;

        double alpha = p.Alpha, beta = p.Beta, gamma = p.Gamma, phi = p.Phi, sse = 0;
        var keep = errors.Length == y.Length;
        var s = 0; // position of y(t) in the season cycle: s(t−m) is stored there
        for (var t = 0; t < y.Length; t++)
        {
            var damped = phi * trend;
            var baseline = level + damped;
            var error = y[t] - baseline - season[s];
            sse += error * error;
            if (keep) errors[t] = error;
            else if (sse > limit) return (level, trend, double.PositiveInfinity);

            var previousLevel = level;
            level = alpha * (y[t] - season[s]) + (1 - alpha) * baseline;
            trend = beta * (level - previousLevel) + (1 - beta) * damped;
            season[s] = gamma * (y[t] - baseline) + (1 - gamma) * season[s];
            if (++s == m) s = 0;
        }
        return (level, trend, sse);
    }

    /// <summary>ŷ(T+h|T) for h = 1..horizon.</summary>
    public double[] Forecast(int horizon)
    {
        var result = new double[horizon];
        double dampedSum = 0, phiPower = 1;
        for (var h = 1; h <= horizon; h++)
        {
            phiPower *= Parameters.Phi;
            dampedSum += phiPower;
            result[h - 1] = Level + dampedSum * Trend + _season[(NextSeasonIndex + h - 1) % SeasonLength];
        }
        return result;
    }
}
