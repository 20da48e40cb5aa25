using HybridOrders.Api.Auth;
using HybridOrders.Application.Customers;
using Mediator;

namespace HybridOrders.Api.Endpoints;

/// <summary>One customer over every channel.</summary>
public sealed class CustomerEndpoints : IEndpointGroup
{
    public string Prefix => "/customers";
    public string Tag => "Customers";

    public void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id}", async (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCustomer(id), ct)))
            .RequireAuthorization(Policies.CustomerLookup).WithName("getCustomer")
            .WithSummary("One customer over every channel, by registry id, explicit id, email or phone: orders, holds, returns, first seen, channels, lifetime value")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
