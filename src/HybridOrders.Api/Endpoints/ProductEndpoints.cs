using HybridOrders.Api.Auth;
using HybridOrders.Application.Catalog;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridOrders.Api.Endpoints;

/// <summary>The catalogue: SKUs and their prices.</summary>
public sealed class ProductEndpoints : IEndpointGroup
{
    public string Prefix => "/products";
    public string Tag => "Products";

    public void Map(RouteGroupBuilder group)
    {
        group.MapPost("/", CreateProduct)
            .RequireAuthorization(Policies.Admin).WithName("createProduct")
            .WithSummary("Add a SKU to the catalogue with its unit price")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListProducts(limit, cursor), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("listProducts")
            .WithSummary("List products, ordered by SKU").ProducesValidationProblem();

        group.MapGet("/{sku}", async (string sku, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetProduct(sku), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("getProduct")
            .WithSummary("One product")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<ProductResponse>> CreateProduct(CreateProduct body, ISender sender, CancellationToken ct)
    {
        var product = await sender.Send(body, ct);
        return TypedResults.Created($"/api/v1/products/{product.Sku}", product);
    }
}
