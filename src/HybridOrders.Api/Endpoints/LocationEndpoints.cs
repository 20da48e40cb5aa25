using HybridOrders.Api.Auth;
using HybridOrders.Application.Common;
using HybridOrders.Application.Inventory;
using HybridOrders.Application.Locations;
using HybridOrders.Domain.Locations;
using Mediator;

namespace HybridOrders.Api.Endpoints;

public static class LocationEndpoints
{
    public sealed record SafetyStockBody(int? Quantity);

    public static void MapLocationEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/locations").WithTags("Locations");

        group.MapPost("/", async (CreateLocation body, ISender sender, CancellationToken ct) =>
            {
                var location = await sender.Send(body, ct);
                return TypedResults.Created($"/api/v1/locations/{location.Code}", location);
            })
            .RequireAuthorization(Policies.Admin).WithName("CreateLocation")
            .WithSummary("Create a store or warehouse")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async (SnakeCaseEnum<LocationKind>? kind, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListLocations(kind?.Value, limit, cursor), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("ListLocations")
            .WithSummary("List locations, ordered by code").ProducesValidationProblem();

        group.MapGet("/{code}", async (string code, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetLocation(code), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("GetLocation")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{code}/deactivate", async (string code, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetLocationActive(code, false), ct)))
            .RequireAuthorization(Policies.Admin).WithName("DeactivateLocation")
            .WithSummary("Take a location out of the virtual stock: it promises nothing and refuses new holds")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{code}/activate", async (string code, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetLocationActive(code, true), ct)))
            .RequireAuthorization(Policies.Admin).WithName("ActivateLocation")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{code}/stock", async (string code, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListLocationStock(code, limit, cursor), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("ListLocationStock").WithTags("Stock")
            .WithSummary("Every stock line of one location, by SKU")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{code}/stock/{sku}/safety-stock", async (string code, string sku, SafetyStockBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetSafetyStock(code, sku, body.Quantity), ct)))
            .RequireAuthorization(Policies.Admin).WithName("SetSafetyStock").WithTags("Stock")
            .WithSummary("Set the units a location keeps back from promising")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{code}/stock/{sku}/movements", async (string code, string sku, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListStockMovements(code, sku, limit, cursor), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("ListStockMovements").WithTags("Stock")
            .WithSummary("The ledger of one stock line, oldest first, with its current figures")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
