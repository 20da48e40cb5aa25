using HybridOrders.Api.Auth;
using HybridOrders.Application.Webhooks;
using Mediator;

namespace HybridOrders.Api.Endpoints;

/// <summary>Webhook subscriptions (admin): Standard Webhooks deliveries of the events, in order, at least once.</summary>
public sealed class WebhookEndpoints : IEndpointGroup
{
    public string Prefix => "/webhooks";
    public string Tag => "Webhooks";

    public void Map(RouteGroupBuilder group)
    {
        group.RequireAuthorization(Policies.Admin);

        group.MapPost("/", async (CreateWebhook body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body, ct);
                return TypedResults.Created($"/api/v1/webhooks/{created.Id}", created);
            })
            .WithName("createWebhook")
            .WithSummary("Subscribe a URL to event types (or *); the signing secret is shown only in this answer")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListWebhooks(), ct)))
            .WithName("listWebhooks").WithSummary("Every subscription with its state (never its secret)");

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetWebhook(id), ct)))
            .WithName("getWebhook").WithSummary("One subscription: status, disabled reason, last event delivered, current failures")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteWebhook(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("deleteWebhook").WithSummary("Unsubscribe; nothing more is sent").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/enable", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new EnableWebhook(id), ct)))
            .WithName("enableWebhook").WithSummary("Start a disabled subscription again at the event it was stuck on")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/deliveries", async (Guid id, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListWebhookDeliveries(id, limit), ct)))
            .WithName("listWebhookDeliveries").WithSummary("Recent delivery attempts, newest first")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
