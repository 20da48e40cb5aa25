using HybridOrders.Api.Auth;
using HybridOrders.Application.Catalog;
using Mediator;

namespace HybridOrders.Api.Endpoints;

public static class ProductEndpoints
{
    public static void MapProductEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/products").WithTags("Products");

        group.MapPost("/", async (CreateProduct body, ISender sender, CancellationToken ct) =>
            {
                var product = await sender.Send(body, ct);
                return TypedResults.Created($"/api/v1/products/{product.Sku}", product);
            })
            .RequireAuthorization(Policies.Admin).WithName("CreateProduct")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListProducts(limit, cursor), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("ListProducts").ProducesValidationProblem();

        group.MapGet("/{sku}", async (string sku, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetProduct(sku), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("GetProduct").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
