using HybridOrders.Api.Auth;
using HybridOrders.Application.Promotions;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridOrders.Api.Endpoints;

/// <summary>Promo codes, valid in every channel alike.</summary>
public sealed class PromotionEndpoints : IEndpointGroup
{
    public string Prefix => "/promotions";
    public string Tag => "Promotions";

    public void Map(RouteGroupBuilder group)
    {
        group.MapPost("/", CreatePromotion)
            .RequireAuthorization(Policies.Admin).WithName("createPromotion")
            .WithSummary("Create a promo code, valid in every channel alike (codes are case-insensitive)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{code}", async (string code, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetPromotion(code), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("getPromotion")
            .WithSummary("One promo code with its validity and redemptions")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<PromotionResponse>> CreatePromotion(CreatePromotion body, ISender sender, CancellationToken ct)
    {
        var promotion = await sender.Send(body, ct);
        return TypedResults.Created($"/api/v1/promotions/{promotion.Code}", promotion);
    }
}
