using HybridOrders.Api.Auth;
using HybridOrders.Application.Availability;
using Mediator;

namespace HybridOrders.Api.Endpoints;

/// <summary>What the network can promise: the virtual stock of a SKU, and pickup stores near a customer.</summary>
public sealed class AvailabilityEndpoints : IEndpointGroup
{
    public string Prefix => "/availability";
    public string Tag => "Availability";

    public void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{sku}", async (string sku, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetAvailability(sku), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("getAvailability")
            .WithSummary("The virtual stock of a SKU over all active locations")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/query", async (QueryAvailability body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("queryAvailability")
            .WithSummary("Availability of up to 200 SKUs at once (a listing page): network, to ship, and the nearest pickup store near a point")
            .ProducesValidationProblem();

        group.MapGet("/{sku}/nearby", async (string sku, double? latitude, double? longitude, int? quantity, double? radiusKm,
                    ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new FindNearbyStores(sku, latitude, longitude, quantity, radiusKm), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("findNearbyStores")
            .WithSummary("Pickup stores that have the quantity, nearest first (great-circle km)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
