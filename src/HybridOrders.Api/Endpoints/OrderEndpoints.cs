using HybridOrders.Api.Auth;
using HybridOrders.Application.Customers;
using HybridOrders.Application.Fulfilments;
using HybridOrders.Application.Orders;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Orders;
using Mediator;

namespace HybridOrders.Api.Endpoints;

public static class OrderEndpoints
{
    public static void MapOrderEndpoints(this IEndpointRouteBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");

        orders.MapPost("/", async (PlaceOrder body, ISender sender, CancellationToken ct) =>
            {
                var order = await sender.Send(body, ct);
                return TypedResults.Created($"/api/v1/orders/{order.Id}", order);
            })
            .RequireAuthorization(Policies.Holds).WithName("PlaceOrder")
            .WithSummary("Place an order: pickup at a store (optionally with a transfer) or delivery routed to the nearest location with stock")
            .WithIdempotency<PlaceOrder>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        orders.MapGet("/", async (string? customerId, SnakeCaseEnum<SalesChannel>? channel, SnakeCaseEnum<OrderStatus>? status,
                    int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListOrders(customerId, channel?.Value, status?.Value, limit, cursor), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("ListOrders")
            .WithSummary("Orders newest first; customerId matches a customer id, else an email, else a phone")
            .ProducesValidationProblem();

        orders.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetOrder(id), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("GetOrder").ProducesProblem(StatusCodes.Status404NotFound);

        orders.MapPost("/{id:guid}/cancel", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CancelOrder(id), ct)))
            .RequireAuthorization(Policies.Customers).WithName("CancelOrder")
            .WithSummary("Cancel what is not yet collected, shipped or on its way; its stock is available again")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var fulfilments = api.MapGroup("/fulfilments").WithTags("Fulfilments");

        fulfilments.MapGet("/", async (string? locationCode, SnakeCaseEnum<FulfilmentStatus>? status, SnakeCaseEnum<FulfilmentType>? type,
                    int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListFulfilments(locationCode, status?.Value, type?.Value, limit, cursor), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("ListFulfilments")
            .WithSummary("Fulfilments newest first, by location (origin or destination), status and type; a POS key sees its own store's")
            .ProducesValidationProblem();

        fulfilments.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetFulfilment(id), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("GetFulfilment").ProducesProblem(StatusCodes.Status404NotFound);

        MapStep(fulfilments, "ready", "MarkReadyForPickup", "Picked and waiting at the store; sets the pickup deadline (POS of the pickup store)",
            id => new MarkReadyForPickup(id));
        MapStep(fulfilments, "collect", "CollectPickup", "The customer collected it (POS of the pickup store)", id => new CollectPickup(id));
        MapStep(fulfilments, "ship", "ShipFulfilment", "A delivery or a transfer leaves its origin (POS of the origin, or logistics)", id => new ShipFulfilment(id));
        MapStep(fulfilments, "receive", "ReceiveTransfer", "A transfer arrived at the pickup store (POS of the pickup store)", id => new ReceiveTransfer(id));
        MapStep(fulfilments, "deliver", "DeliverFulfilment", "The parcel reached the customer (logistics)", id => new DeliverFulfilment(id));

        api.MapGet("/customers/{id}", async (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetCustomer(id), ct)))
            .RequireAuthorization(Policies.Customers).WithName("GetCustomer").WithTags("Customers")
            .WithSummary("One customer's orders and active holds over all channels (matched by id, else email, else phone)")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void MapStep(RouteGroupBuilder group, string step, string name, string summary, Func<Guid, ICommand<FulfilmentResponse>> command) =>
        group.MapPost($"/{{id:guid}}/{step}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command(id), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName(name).WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
