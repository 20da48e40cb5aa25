using HybridOrders.Api.Auth;
using HybridOrders.Application.Common;
using HybridOrders.Application.Fulfilments;
using HybridOrders.Application.Orders;
using HybridOrders.Domain.Orders;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridOrders.Api.Endpoints;

/// <summary>Fulfilments (one per origin location) and their steps: ready, collect, ship, receive, deliver, and reject (a short pick).</summary>
public sealed class FulfilmentEndpoints : IEndpointGroup
{
    public string Prefix => "/fulfilments";
    public string Tag => "Fulfilments";

    public void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", ListFulfilments)
            .RequireAuthorization(Policies.AnyRole).WithName("listFulfilments")
            .WithSummary("Fulfilments newest first, by location (origin or destination), status and type; a POS key sees its own store's")
            .ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetFulfilment(id), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("getFulfilment")
            .WithSummary("One fulfilment with its timeline and routing decision")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/routing", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetFulfilmentRouting(id), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("getFulfilmentRouting")
            .WithSummary("The whole routing decision of a fulfilment: every candidate considered (the fulfilment shows the chosen and the ten nearest others)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapStep(group, "ready", "markReadyForPickup", "Picked and waiting at the store; sets the pickup deadline (POS of the pickup store)",
            id => new MarkReadyForPickup(id));
        MapStep(group, "collect", "collectPickup", "The customer collected it (POS of the pickup store)", id => new CollectPickup(id));
        MapStep(group, "ship", "shipFulfilment", "A delivery or a transfer leaves its origin (POS of the origin, or logistics)", id => new ShipFulfilment(id));
        MapStep(group, "receive", "receiveTransfer", "A transfer arrived at the pickup store (POS of the pickup store)", id => new ReceiveTransfer(id));
        group.MapPost("/{id:guid}/reject", async (Guid id, RejectFulfilmentRequest body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RejectFulfilment(id, body.Reason, body.Lines), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("rejectFulfilment")
            .WithSummary("A short pick: the origin cannot send (some of) an allocated fulfilment; its stock is corrected by reason, the units are " +
                         "routed again elsewhere at once, and what nobody can supply is cancelled on the order (POS of the origin, logistics, admin)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        MapStep(group, "deliver", "deliverFulfilment", "The parcel reached the customer (logistics)", id => new DeliverFulfilment(id));
    }

    private static async Task<Ok<Page<FulfilmentResponse>>> ListFulfilments(string? locationCode, SnakeCaseEnum<FulfilmentStatus>? status,
        SnakeCaseEnum<FulfilmentType>? type, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListFulfilments(locationCode, status?.Value, type?.Value, limit, cursor), ct));

    private static void MapStep(RouteGroupBuilder group, string step, string name, string summary, Func<Guid, ICommand<FulfilmentResponse>> command) =>
        group.MapPost($"/{{id:guid}}/{step}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command(id), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName(name).WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
