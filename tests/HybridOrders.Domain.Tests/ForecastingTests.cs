using HybridOrders.Domain.Forecasting;

namespace HybridOrders.Domain.Tests;

public class ForecastingTests
{
    private static readonly double[] Weekly = [10, 12, 11, 13, 18, 25, 6]; // Monday..Sunday

    /// <summary>A weekly pattern on a linear trend, with Gaussian noise of the given spread (seeded: the same every run).</summary>
    public static double[] Synthetic(int days, double slope, double noise, int seed = 42)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, days).Select(t =>
        {
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            var gaussian = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return Math.Max(0, Math.Round(20 + slope * t + Weekly[t % 7] + noise * gaussian));
        }).ToArray();
    }

    [Fact]
    public void Holt_winters_follows_the_recursions_of_fpp3_by_hand_for_the_first_steps()
    {
        double[] y = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15];
        var p = new SmoothingParameters(0.5, 0.1, 0.2, 0.9);
        var fit = HoltWinters.Fit(y, 7, p);

        // ℓ0 = mean(1..7) = 4, b0 = (mean(9..15) − 4) / 7 = 8/7, s = y(j) − 4 = −3..3.
        double level = 4, trend = 8.0 / 7;
        var season = new double[] { -3, -2, -1, 0, 1, 2, 3 };
        var expectedErrors = new List<double>();
        for (var t = 0; t < y.Length; t++)
        {
            var s = season[t % 7];
            var forecast = level + p.Phi * trend + s;
            expectedErrors.Add(y[t] - forecast);
            var newLevel = p.Alpha * (y[t] - s) + (1 - p.Alpha) * (level + p.Phi * trend);
            var newTrend = p.Beta * (newLevel - level) + (1 - p.Beta) * p.Phi * trend;
            season[t % 7] = p.Gamma * (y[t] - level - p.Phi * trend) + (1 - p.Gamma) * s;
            level = newLevel;
            trend = newTrend;
        }
        fit.OneStepErrors.Zip(expectedErrors).ShouldAllBe(x => Math.Abs(x.First - x.Second) < 1e-12);
        fit.Level.ShouldBe(level, 1e-12);
        fit.Trend.ShouldBe(trend, 1e-12);
        // h = 1, 2: ℓ + φb + s(next) and ℓ + (φ + φ²)b + s(next+1)
        var forecast2 = fit.Forecast(2);
        forecast2[0].ShouldBe(level + 0.9 * trend + season[14 % 7], 1e-12);
        forecast2[1].ShouldBe(level + (0.9 + 0.81) * trend + season[15 % 7], 1e-12);
    }

    [Fact]
    public void A_noiseless_weekly_pattern_on_a_trend_is_forecast_almost_exactly()
    {
        var y = Synthetic(16 * 7 + 28, slope: 0.1, noise: 0);
        var history = y[..^28];
        var forecast = DemandForecaster.Forecast(history, 28);
        forecast.Method.ShouldNotBe(ForecastMethod.InsufficientHistory);
        DemandForecaster.Wape(y[^28..], forecast.Values.ToArray())!.Value.ShouldBeLessThan(0.03);
    }

    [Fact]
    public void The_forecast_beats_seasonal_naive_on_a_noisy_weekly_pattern_with_trend_over_a_held_out_month()
    {
        var y = Synthetic(20 * 7 + 28, slope: 0.15, noise: 3);
        var history = y[..^28];
        var forecast = DemandForecaster.Forecast(history, 28);
        var wape = DemandForecaster.Wape(y[^28..], forecast.Values.ToArray())!.Value;
        var naive = DemandForecaster.Wape(y[^28..], DemandForecaster.SeasonalNaive(history, 7, 28))!.Value;
        wape.ShouldBeLessThan(naive);
        // and its own backtest (the last 28 days of the history held out) says the same
        forecast.Backtest!.Days.ShouldBe(28);
        forecast.Backtest.Wape!.Value.ShouldBeLessThan(forecast.Backtest.SeasonalNaiveWape!.Value);
    }

    [Fact]
    public void Less_than_two_full_weeks_is_insufficient_history_and_invents_nothing()
    {
        var forecast = DemandForecaster.Forecast(Synthetic(13, 0, 1), 28);
        forecast.Method.ShouldBe(ForecastMethod.InsufficientHistory);
        forecast.Values.ShouldBeEmpty();
        forecast.Backtest.ShouldBeNull();
        forecast.ResidualStdDev.ShouldBeNull();
    }

    [Fact]
    public void A_short_history_backtests_on_what_is_left_after_two_weeks()
    {
        var forecast = DemandForecaster.Forecast(Synthetic(20, 0, 1), 28);
        forecast.Values.Count.ShouldBe(28);
        forecast.Backtest!.Days.ShouldBe(6);
    }

    [Fact]
    public void Days_without_sales_are_zeros_and_the_forecast_is_never_negative()
    {
        var y = Enumerable.Range(0, 70).Select(t => t % 7 == 6 ? 0.0 : (t < 35 ? 8.0 : 1.0)).ToArray(); // demand collapses
        var forecast = DemandForecaster.Forecast(y, 31);
        forecast.Values.ShouldAllBe(v => v >= 0);
        DemandForecaster.Forecast(new double[30], 7).Values.ShouldAllBe(v => v == 0);
    }

    [Fact]
    public void Seasonal_naive_repeats_the_last_week_and_wape_weighs_by_volume()
    {
        double[] y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
        DemandForecaster.SeasonalNaive(y, 7, 9).ShouldBe([8, 9, 10, 11, 12, 13, 14, 8, 9]);
        DemandForecaster.Wape([10, 0, 30], [12, 1, 27]).ShouldBe(6.0 / 40);
        DemandForecaster.Wape([0, 0], [1, 2]).ShouldBeNull();
    }

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(0.9, 1.2815515655)]
    [InlineData(0.95, 1.6448536270)]
    [InlineData(0.975, 1.9599639845)]
    [InlineData(0.99, 2.3263478740)]
    [InlineData(0.999, 3.0902323062)]
    [InlineData(0.01, -2.3263478740)]
    [InlineData(0.001, -3.0902323062)]
    public void Inverse_normal_matches_the_tables(double p, double z) =>
        InverseNormal.Quantile(p).ShouldBe(z, 1e-8);

    [Fact]
    public void Safety_stock_is_z_times_sigma_times_root_lead_time_rounded_up()
    {
        SafetyStock.Suggest(0.95, 4, 3.0).ShouldBe((int)Math.Ceiling(1.6448536 * 3.0 * 2));  // 9.87 → 10
        SafetyStock.Suggest(0.95, 1, 0).ShouldBe(0);
    }

    [Fact]
    public void Safety_stock_grows_with_the_service_level_and_the_lead_time()
    {
        var byLevel = new[] { 0.6, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995 }.Select(l => SafetyStock.Suggest(l, 3, 5)).ToList();
        byLevel.ShouldBe(byLevel.Order().ToList());
        byLevel[^1].ShouldBeGreaterThan(byLevel[0]);
        var byLead = Enumerable.Range(1, 14).Select(l => SafetyStock.Suggest(0.95, l, 5)).ToList();
        byLead.ShouldBe(byLead.Order().ToList());
        byLead[^1].ShouldBeGreaterThan(byLead[0]);
    }
}
