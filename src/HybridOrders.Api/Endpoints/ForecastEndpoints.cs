using HybridOrders.Api.Auth;
using HybridOrders.Application.Forecasting;
using HybridOrders.Domain.Common;
using Mediator;

namespace HybridOrders.Api.Endpoints;

/// <summary>Sales history, the demand forecast and the safety stock suggested from it.</summary>
public sealed class ForecastEndpoints : IEndpointGroup
{
    public string Prefix => "";
    public string Tag => "Forecast";

    public void Map(RouteGroupBuilder group)
    {
        group.MapPost("/stock/sales-history", async (ImportSalesHistory body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .RequireAuthorization(Policies.Admin).WithName("importSalesHistory")
            .WithSummary("Import past daily sales (up to 10,000 lines; a line for the same date, location, SKU and channel replaces the earlier one)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/forecast/{sku}", async (string sku, string? locationCode, SnakeCaseEnum<SalesChannel>? channel, int? days, bool? includeHistory,
                    ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetForecast(sku, locationCode, channel?.Value, days, includeHistory), ct)))
            .RequireAuthorization(Policies.Planning).WithName("getForecast")
            .WithSummary("Daily demand forecast (Holt-Winters, weekly season, damped trend) for up to 31 days, with its backtest beside seasonal naive")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/locations/{code}/stock/{sku}/safety-stock-suggestion", async (string code, string sku, double? serviceLevel, int? leadTimeDays,
                    ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetSafetyStockSuggestion(code, sku, serviceLevel, leadTimeDays), ct)))
            .RequireAuthorization(Policies.Planning).WithName("getSafetyStockSuggestion")
            .WithSummary("Safety stock for a service level and lead time from the forecast errors, ceil(z · σ · √L); PUT …/safety-stock applies it")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
