using HybridOrders.Api.Auth;
using HybridOrders.Application.Events;
using Mediator;

namespace HybridOrders.Api.Endpoints;

/// <summary>The event feed: what changed, oldest first, resumable from the last id a client saw.</summary>
public sealed class EventEndpoints : IEndpointGroup
{
    public string Prefix => "/events";
    public string Tag => "Events";

    public void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", async (long? after, string? types, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListEvents(after, types, limit, cursor), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("listEvents")
            .WithSummary("Events after an id, oldest first (resume from the last id seen); storefront keys see order, fulfilment, "
                         + "reservation and stock events, POS keys only events at their location")
            .ProducesValidationProblem();
    }
}
