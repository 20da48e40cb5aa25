using HybridOrders.Api.Auth;
using HybridOrders.Application.Events;
using HybridOrders.Application.Webhooks;
using Mediator;

namespace HybridOrders.Api.Endpoints;

public static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/events", async (long? after, string? types, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListEvents(after, types, limit, cursor), ct)))
            .WithTags("Events").RequireAuthorization(Policies.AnyRole).WithName("ListEvents")
            .WithSummary("The event feed, oldest first, after an id: resume from the last id seen. Storefront keys see order, fulfilment, "
                         + "reservation and stock events; POS keys only events at their location")
            .ProducesValidationProblem();
    }

    public static void MapWebhookEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);

        group.MapPost("/", async (CreateWebhook body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body, ct);
                return TypedResults.Created($"/api/v1/webhooks/{created.Id}", created);
            })
            .WithName("CreateWebhook")
            .WithSummary("Subscribe a URL to event types (or *); the signing secret is shown only in this answer")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListWebhooks(), ct)))
            .WithName("ListWebhooks");

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetWebhook(id), ct)))
            .WithName("GetWebhook").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteWebhook(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteWebhook").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/enable", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new EnableWebhook(id), ct)))
            .WithName("EnableWebhook").WithSummary("Start a disabled subscription again at the event it was stuck on")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/deliveries", async (Guid id, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListWebhookDeliveries(id, limit), ct)))
            .WithName("ListWebhookDeliveries").WithSummary("Recent delivery attempts, newest first")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
