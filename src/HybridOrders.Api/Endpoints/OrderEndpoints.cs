using HybridOrders.Api.Auth;
using HybridOrders.Application.Common;
using HybridOrders.Application.Orders;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Orders;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridOrders.Api.Endpoints;

/// <summary>Orders in every channel: placed (pickup or routed delivery), listed, cancelled.</summary>
public sealed class OrderEndpoints : IEndpointGroup
{
    public string Prefix => "/orders";
    public string Tag => "Orders";

    public void Map(RouteGroupBuilder group)
    {
        group.MapPost("/", PlaceOrder)
            .RequireAuthorization(Policies.Holds).WithName("placeOrder")
            .WithSummary("Place an order: pickup at a store (optionally with a transfer) or delivery routed to the nearest location with stock")
            .WithIdempotency<PlaceOrder>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", ListOrders)
            .RequireAuthorization(Policies.AnyRole).WithName("listOrders")
            .WithSummary("Orders newest first; customerId matches a customer id, else an email, else a phone")
            .ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetOrder(id), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("getOrder")
            .WithSummary("One order with its lines, totals and fulfilments")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/cancel", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CancelOrder(id), ct)))
            .RequireAuthorization(Policies.Customers).WithName("cancelOrder")
            .WithSummary("Cancel what is not yet collected, shipped or on its way; its stock is available again")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Created<OrderResponse>> PlaceOrder(PlaceOrder body, ISender sender, CancellationToken ct)
    {
        var order = await sender.Send(body, ct);
        return TypedResults.Created($"/api/v1/orders/{order.Id}", order);
    }

    private static async Task<Ok<Page<OrderResponse>>> ListOrders(string? customerId, SnakeCaseEnum<SalesChannel>? channel,
        SnakeCaseEnum<OrderStatus>? status, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListOrders(customerId, channel?.Value, status?.Value, limit, cursor), ct));
}
