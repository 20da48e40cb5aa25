using HybridOrders.Api.Auth;
using HybridOrders.Application.Analytics;
using HybridOrders.Application.Promotions;
using HybridOrders.Application.Returns;
using Mediator;


namespace HybridOrders.Api.Endpoints;

public static class ReturnEndpoints
{
    public static void MapReturnEndpoints(this IEndpointRouteBuilder api)
    {
        var promotions = api.MapGroup("/promotions").WithTags("Promotions");
        promotions.MapPost("/", async (CreatePromotion body, ISender sender, CancellationToken ct) =>
            {
                var promotion = await sender.Send(body, ct);
                return TypedResults.Created($"/api/v1/promotions/{promotion.Code}", promotion);
            })
            .RequireAuthorization(Policies.Admin).WithName("CreatePromotion")
            .WithSummary("Create a promo code, valid in every channel alike (codes are case-insensitive)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        promotions.MapGet("/{code}", async (string code, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetPromotion(code), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("GetPromotion").ProducesProblem(StatusCodes.Status404NotFound);

        var returns = api.MapGroup("/returns").WithTags("Returns");
        returns.MapPost("/", async (AcceptReturn body, ISender sender, CancellationToken ct) =>
            {
                var accepted = await sender.Send(body, ct);
                return TypedResults.Created($"/api/v1/returns/{accepted.Id}", accepted);
            })
            .RequireAuthorization(Policies.Till).WithName("AcceptReturn")
            .WithSummary("Take goods of an order back at a store: resellable units go onto its shelf, damaged ones are recorded; the refund is what was paid")
            .WithIdempotency<AcceptReturn>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        returns.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetReturn(id), ct)))
            .RequireAuthorization(Policies.Holds).WithName("GetReturn").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/orders/{id:guid}/returns", async (Guid id, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListOrderReturns(id, limit, cursor), ct)))
            .RequireAuthorization(Policies.Holds).WithName("ListOrderReturns").WithTags("Returns").ProducesProblem(StatusCodes.Status404NotFound);

        var analytics = api.MapGroup("/analytics").WithTags("Analytics");
        analytics.MapGet("/channels", async (QueryInstant? from, QueryInstant? to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetChannelAnalytics(from?.Value, to?.Value), ct)))
            .RequireAuthorization(Policies.Admin).WithName("GetChannelAnalytics")
            .WithSummary("Channels compared over orders placed in [from, to) (ISO-8601 instants; default the last 30 days)")
            .ProducesValidationProblem();
        analytics.MapGet("/journeys", async (QueryInstant? from, QueryInstant? to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetJourneys(from?.Value, to?.Value), ct)))
            .RequireAuthorization(Policies.Admin).WithName("GetJourneys")
            .WithSummary("Counts per path: channel placed → pickup or delivery → returned in a store or not")
            .ProducesValidationProblem();
    }
}
