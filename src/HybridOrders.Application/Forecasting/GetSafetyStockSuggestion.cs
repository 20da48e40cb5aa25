using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Forecasting;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Forecasting;

/// <summary>The safety stock a location should keep of a SKU to meet a cycle service level over a replenishment lead time,
/// from the spread of the daily forecast errors over all channels (see <see cref="SafetyStock"/>). Nothing is changed:
/// <c>PUT …/safety-stock</c> applies it.</summary>
public sealed record GetSafetyStockSuggestion(string LocationCode, string Sku, double? ServiceLevel, int? LeadTimeDays) : IQuery<SafetyStockSuggestionResponse>;

/// <summary>How the suggestion was made: the forecast method, the history it saw, z and σ over the lead time.</summary>
public sealed record SuggestionBasis(ForecastMethod Method, int HistoryDays, LocalDate? HistoryFrom, LocalDate HistoryTo, double? Z,
    double? LeadTimeStdDev, string Formula);

/// <summary><c>suggested</c>, <c>dailyDemandMean</c> and <c>dailyDemandStdDev</c> are null when the history is too short
/// (<c>basis.method</c> = <c>insufficient_history</c>).</summary>
public sealed record SafetyStockSuggestionResponse(string LocationCode, string Sku, int? Suggested, int Current, double ServiceLevel, int LeadTimeDays,
    double? DailyDemandMean, double? DailyDemandStdDev, SuggestionBasis Basis);

public sealed class GetSafetyStockSuggestionValidator : AbstractValidator<GetSafetyStockSuggestion>
{
    public GetSafetyStockSuggestionValidator()
    {
        RuleFor(x => x.ServiceLevel).Must(l => l is null || SafetyStock.IsServiceLevel(l.Value))
            .WithMessage($"'serviceLevel' must lie strictly between {SafetyStock.MinServiceLevel} and {SafetyStock.MaxServiceLevel}.");
        RuleFor(x => x.LeadTimeDays).InclusiveBetween(1, SafetyStock.MaxLeadTimeDays);
    }
}

public sealed class GetSafetyStockSuggestionHandler(IHybridOrdersDbContext db, IClock clock, IDateTimeZoneProvider zones)
    : IQueryHandler<GetSafetyStockSuggestion, SafetyStockSuggestionResponse>
{
    public const double DefaultServiceLevel = 0.95;
    public const int DefaultLeadTimeDays = 2;
    public const string Formula = "ceil(z(serviceLevel) * dailyDemandStdDev * sqrt(leadTimeDays))";

    public async ValueTask<SafetyStockSuggestionResponse> Handle(GetSafetyStockSuggestion query, CancellationToken ct)
    {
        await db.RequireStockKeyAsync(query.LocationCode, query.Sku, ct);
        var level = query.ServiceLevel ?? DefaultServiceLevel;
        var lead = query.LeadTimeDays ?? DefaultLeadTimeDays;
        var current = await db.StockLines.AsNoTracking().Where(s => s.LocationCode == query.LocationCode && s.Sku == query.Sku)
            .Select(s => (int?)s.SafetyStock).SingleOrDefaultAsync(ct) ?? 0;

        var series = await DailySales.ReadAsync(db, zones, clock.GetCurrentInstant(), query.Sku, query.LocationCode, null, ct);
        var forecast = DemandForecaster.Forecast(series.Quantities, lead, backtest: false);
        if (forecast.Method == ForecastMethod.InsufficientHistory || forecast.ResidualStdDev is not { } sigma)
            return new SafetyStockSuggestionResponse(query.LocationCode, query.Sku, null, current, level, lead, null, null,
                new SuggestionBasis(forecast.Method, series.Quantities.Count, series.From, series.LastDay, null, null, Formula));

        var z = InverseNormal.Quantile(level);
        return new SafetyStockSuggestionResponse(query.LocationCode, query.Sku, SafetyStock.Suggest(level, lead, sigma), current, level, lead,
            GetForecastHandler.Round(forecast.Values.Average(), 2), GetForecastHandler.Round(sigma, 4),
            new SuggestionBasis(forecast.Method, series.Quantities.Count, series.From, series.LastDay, GetForecastHandler.Round(z, 4),
                GetForecastHandler.Round(SafetyStock.LeadTimeStdDev(sigma, lead), 4), Formula));
    }
}
