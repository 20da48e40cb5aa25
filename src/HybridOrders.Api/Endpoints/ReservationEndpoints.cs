using HybridOrders.Api.Auth;
using HybridOrders.Application.Reservations;
using Mediator;

namespace HybridOrders.Api.Endpoints;

public static class ReservationEndpoints
{
    public static void MapReservationEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/reservations").WithTags("Reservations");

        group.MapPost("/", async (HoldStock body, ISender sender, CancellationToken ct) =>
            {
                var reservation = await sender.Send(body, ct);
                return TypedResults.Created($"/api/v1/reservations/{reservation.Id}", reservation);
            })
            .RequireAuthorization(Policies.Holds).WithName("HoldStock")
            .WithSummary("Hold stock at one location for a customer: every line or nothing")
            .WithIdempotency<HoldStock>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetReservation(id), ct)))
            .RequireAuthorization(Policies.Holds).WithName("GetReservation").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/fulfil", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new FulfilReservation(id), ct)))
            .RequireAuthorization(Policies.Till).WithName("FulfilReservation")
            .WithSummary("The customer paid at the till: the held units are sold")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/release", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReleaseReservation(id), ct)))
            .RequireAuthorization(Policies.Holds).WithName("ReleaseReservation")
            .WithSummary("Give the hold up: the units are available again")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
