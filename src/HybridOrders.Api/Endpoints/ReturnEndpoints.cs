using HybridOrders.Api.Auth;
using HybridOrders.Application.Returns;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridOrders.Api.Endpoints;

/// <summary>Goods coming back to a store, from any order of any channel.</summary>
public sealed class ReturnEndpoints : IEndpointGroup
{
    public string Prefix => "";
    public string Tag => "Returns";

    public void Map(RouteGroupBuilder group)
    {
        group.MapPost("/returns", AcceptReturn)
            .RequireAuthorization(Policies.Till).WithName("acceptReturn")
            .WithSummary("Take goods of an order back at a store: resellable units go onto its shelf, damaged ones are recorded; the refund is what was paid")
            .WithIdempotency<AcceptReturn>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/returns/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetReturn(id), ct)))
            .RequireAuthorization(Policies.Holds).WithName("getReturn")
            .WithSummary("One accepted return with its lines and refund")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/orders/{id:guid}/returns", async (Guid id, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListOrderReturns(id, limit, cursor), ct)))
            .RequireAuthorization(Policies.Holds).WithName("listOrderReturns")
            .WithSummary("Every return of one order, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<ReturnResponse>> AcceptReturn(AcceptReturn body, ISender sender, CancellationToken ct)
    {
        var accepted = await sender.Send(body, ct);
        return TypedResults.Created($"/api/v1/returns/{accepted.Id}", accepted);
    }
}
