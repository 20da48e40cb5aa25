using HybridOrders.Api.Auth;
using HybridOrders.Application.Forecasting;
using HybridOrders.Domain.Common;
using Mediator;

namespace HybridOrders.Api.Endpoints;

/// <summary>Sales history, the demand forecast and the safety stock suggested from it.</summary>
public static class ForecastEndpoints
{
    public static void MapForecastEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("/stock/sales-history", async (ImportSalesHistory body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .RequireAuthorization(Policies.Admin).WithName("ImportSalesHistory").WithTags("Forecast")
            .WithSummary("Import past daily sales (up to 10,000 lines; a line for the same date, location, SKU and channel replaces the earlier one)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/forecast/{sku}", async (string sku, string? locationCode, SnakeCaseEnum<SalesChannel>? channel, int? days, bool? includeHistory,
                    ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetForecast(sku, locationCode, channel?.Value, days, includeHistory), ct)))
            .RequireAuthorization(Policies.Planning).WithName("GetForecast").WithTags("Forecast")
            .WithSummary("Daily demand forecast (Holt-Winters with a weekly season and damped trend) for up to 31 days, with its backtest beside seasonal naive")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/locations/{code}/stock/{sku}/safety-stock-suggestion", async (string code, string sku, double? serviceLevel, int? leadTimeDays,
                    ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetSafetyStockSuggestion(code, sku, serviceLevel, leadTimeDays), ct)))
            .RequireAuthorization(Policies.Planning).WithName("GetSafetyStockSuggestion").WithTags("Forecast", "Stock")
            .WithSummary("Safety stock for a service level and lead time from the forecast errors: ceil(z · σ · √L); PUT …/safety-stock applies it")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
