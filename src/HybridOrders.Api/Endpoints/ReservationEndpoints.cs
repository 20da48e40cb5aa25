using HybridOrders.Api.Auth;
using HybridOrders.Application.Reservations;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridOrders.Api.Endpoints;

/// <summary>Holds at one location (POS, click-and-reserve): held, sold at the till, released or expired.</summary>
public sealed class ReservationEndpoints : IEndpointGroup
{
    public string Prefix => "/reservations";
    public string Tag => "Reservations";

    public void Map(RouteGroupBuilder group)
    {
        group.MapPost("/", HoldStock)
            .RequireAuthorization(Policies.Holds).WithName("holdStock")
            .WithSummary("Hold stock at one location for a customer: every line or nothing")
            .WithIdempotency<HoldStock>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetReservation(id), ct)))
            .RequireAuthorization(Policies.Holds).WithName("getReservation")
            .WithSummary("One hold with its lines and status")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/fulfil", async (Guid id,
                    [Microsoft.AspNetCore.Mvc.FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] FulfilBody? body,
                    ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new FulfilReservation(id, body?.PromoCode), ct)))
            .RequireAuthorization(Policies.Till).WithName("fulfilReservation")
            .WithSummary("The customer paid at the till: the held units are sold and the sale is recorded as an in_store order (orderId)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{id:guid}/release", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReleaseReservation(id), ct)))
            .RequireAuthorization(Policies.Holds).WithName("releaseReservation")
            .WithSummary("Give the hold up: the units are available again")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Created<ReservationResponse>> HoldStock(HoldStock body, ISender sender, CancellationToken ct)
    {
        var reservation = await sender.Send(body, ct);
        return TypedResults.Created($"/api/v1/reservations/{reservation.Id}", reservation);
    }
}

/// <summary>Optional body of POST /reservations/{id}/fulfil: a promo code for the till sale.</summary>
public sealed record FulfilBody(string? PromoCode);
