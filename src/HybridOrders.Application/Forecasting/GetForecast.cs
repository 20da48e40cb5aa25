using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Forecasting;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Forecasting;

/// <summary>A daily demand forecast of a SKU for up to 31 days, at a location (or the network) in a channel (or all),
/// with its own backtest beside a seasonal-naive forecast's. <see cref="IncludeHistory"/> adds the daily history it rests on.</summary>
public sealed record GetForecast(string Sku, string? LocationCode, SalesChannel? Channel, int? Days, bool? IncludeHistory = null) : IQuery<ForecastResponse>;

public sealed record ForecastDay(LocalDate Date, double Quantity);

public sealed record BacktestResponse(int Days, double? Wape, double? SeasonalNaiveWape);

/// <summary>The history the forecast was made from: its first and last day and how many days (zeros included).</summary>
public sealed record HistoryResponse(LocalDate? From, LocalDate To, int Days, IReadOnlyList<ForecastDay>? Series);

public sealed record ForecastParameters(double Alpha, double Beta, double Gamma, double Phi, double ResidualStdDev);

public sealed record ForecastResponse(string Sku, string? LocationCode, SalesChannel? Channel, ForecastMethod Method, IReadOnlyList<ForecastDay> Days,
    double Total, BacktestResponse Backtest, HistoryResponse History, ForecastParameters? Parameters);

public sealed class GetForecastValidator : AbstractValidator<GetForecast>
{
    public const int MaxDays = 31;

    public GetForecastValidator()
    {
        RuleFor(x => x.Days).InclusiveBetween(1, MaxDays);
        RuleFor(x => x.Channel).IsInEnum();
    }
}

public sealed class GetForecastHandler(IHybridOrdersDbContext db, IClock clock, IDateTimeZoneProvider zones) : IQueryHandler<GetForecast, ForecastResponse>
{
    public const int DefaultDays = 28;

    public async ValueTask<ForecastResponse> Handle(GetForecast query, CancellationToken ct)
    {
        await RequireAsync(db, query.Sku, query.LocationCode, ct);
        var days = query.Days ?? DefaultDays;
        var series = await DailySales.ReadAsync(db, zones, clock.GetCurrentInstant(), query.Sku, query.LocationCode, query.Channel, ct);
        var forecast = DemandForecaster.Forecast(series.Quantities, days);

        var values = forecast.Values.Select((q, i) => new ForecastDay(series.NextDay.PlusDays(i), Round(q, 2))).ToList();
        var backtest = forecast.Backtest is { } b ? new BacktestResponse(b.Days, Round(b.Wape, 4), Round(b.SeasonalNaiveWape, 4)) : new BacktestResponse(0, null, null);
        var history = new HistoryResponse(series.From, series.LastDay, series.Quantities.Count,
            query.IncludeHistory == true ? series.Days().Select(d => new ForecastDay(d.Date, d.Quantity)).ToList() : null);
        var parameters = forecast.Parameters is { } p
            ? new ForecastParameters(p.Alpha, p.Beta, p.Gamma, p.Phi, Round(forecast.ResidualStdDev ?? 0, 4))
            : null;
        return new ForecastResponse(query.Sku, query.LocationCode, query.Channel, forecast.Method, values, Round(values.Sum(v => v.Quantity), 2),
            backtest, history, parameters);
    }

    /// <summary>The SKU of the route and a location named in the query exist, or 404.</summary>
    internal static async Task RequireAsync(IHybridOrdersDbContext db, string sku, string? locationCode, CancellationToken ct)
    {
        if (!await db.Products.AnyAsync(p => p.Sku == sku, ct)) throw new NotFoundException("Product", sku);
        if (locationCode is not null && !await db.Locations.AnyAsync(l => l.Code == locationCode, ct)) throw new NotFoundException("Location", locationCode);
    }

    internal static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    internal static double? Round(double? value, int digits) => value is { } v ? Round(v, digits) : null;
}
