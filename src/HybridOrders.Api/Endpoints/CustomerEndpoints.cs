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
            .RequireAuthorization(Policies.Customers).WithName("getCustomer")
            .WithSummary("One customer's orders and active holds over all channels (matched by id, else email, else phone)")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
