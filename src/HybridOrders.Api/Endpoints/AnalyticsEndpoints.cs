using HybridOrders.Api.Auth;
using HybridOrders.Application.Analytics;
using Mediator;

namespace HybridOrders.Api.Endpoints;

/// <summary>Grouped figures over orders placed in <c>[from, to)</c>.</summary>
public sealed class AnalyticsEndpoints : IEndpointGroup
{
    public string Prefix => "/analytics";
    public string Tag => "Analytics";

    public void Map(RouteGroupBuilder group)
    {
        group.MapGet("/channels", async (QueryInstant? from, QueryInstant? to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetChannelAnalytics(from?.Value, to?.Value), ct)))
            .RequireAuthorization(Policies.Admin).WithName("getChannelAnalytics")
            .WithSummary("Channels compared over orders placed in [from, to) (ISO-8601 instants; default the last 30 days)")
            .ProducesValidationProblem();

        group.MapGet("/journeys", async (QueryInstant? from, QueryInstant? to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetJourneys(from?.Value, to?.Value), ct)))
            .RequireAuthorization(Policies.Admin).WithName("getJourneys")
            .WithSummary("Counts per path: channel placed → pickup or delivery → returned in a store or not")
            .ProducesValidationProblem();

        group.MapGet("/stores", async (QueryInstant? from, QueryInstant? to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetStoreAnalytics(from?.Value, to?.Value), ct)))
            .RequireAuthorization(Policies.Admin).WithName("getStoreAnalytics")
            .WithSummary("Per location: fulfilments, pickups collected/expired, minutes placed→ready and →shipped, share ready within target, returns, till sales")
            .ProducesValidationProblem();
    }
}
