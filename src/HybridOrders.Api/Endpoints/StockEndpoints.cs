using HybridOrders.Api.Auth;
using HybridOrders.Application.Availability;
using HybridOrders.Application.Inventory;
using Mediator;

namespace HybridOrders.Api.Endpoints;

public static class StockEndpoints
{
    public static void MapStockEndpoints(this IEndpointRouteBuilder api)
    {
        var stock = api.MapGroup("/stock").WithTags("Stock");

        stock.MapPost("/receipts", async (ReceiveStock body, ISender sender, CancellationToken ct) =>
                TypedResults.Created((string?)null, await sender.Send(body, ct)))
            .RequireAuthorization(Policies.StockKeeping).WithName("ReceiveStock")
            .WithSummary("Goods arrived at a location: on-hand rises")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        stock.MapPost("/adjustments", async (CountStock body, ISender sender, CancellationToken ct) =>
                TypedResults.Created((string?)null, await sender.Send(body, ct)))
            .RequireAuthorization(Policies.StockKeeping).WithName("AdjustStock")
            .WithSummary("Set on-hand to a physical count")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var availability = api.MapGroup("/availability").WithTags("Availability");

        availability.MapGet("/{sku}", async (string sku, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetAvailability(sku), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("GetAvailability")
            .WithSummary("The virtual stock of a SKU over all active locations")
            .ProducesProblem(StatusCodes.Status404NotFound);

        availability.MapGet("/{sku}/nearby", async (string sku, double? latitude, double? longitude, int? quantity, double? radiusKm,
                    ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new FindNearbyStores(sku, latitude, longitude, quantity, radiusKm), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("FindNearbyStores")
            .WithSummary("Pickup stores that have the quantity, nearest first (great-circle km)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
