using HybridOrders.Api.Auth;
using HybridOrders.Application.Common;
using HybridOrders.Application.Locations;
using HybridOrders.Domain.Locations;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridOrders.Api.Endpoints;

/// <summary>Stores and warehouses: the network the virtual stock is made of.</summary>
public sealed class LocationEndpoints : IEndpointGroup
{
    public string Prefix => "/locations";
    public string Tag => "Locations";

    public void Map(RouteGroupBuilder group)
    {
        group.MapPost("/", CreateLocation)
            .RequireAuthorization(Policies.Admin).WithName("createLocation")
            .WithSummary("Create a store or warehouse")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", ListLocations)
            .RequireAuthorization(Policies.AnyRole).WithName("listLocations")
            .WithSummary("List locations, ordered by code").ProducesValidationProblem();

        group.MapGet("/{code}", async (string code, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetLocation(code), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("getLocation")
            .WithSummary("One location with its opening hours")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{code}/capacity", async (string code, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetLocationCapacity(code), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("getLocationCapacity")
            .WithSummary("Delivery and transfer fulfilments a location takes on per local day, and how many it has taken today")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{code}/capacity", async (string code, CapacityBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetLocationCapacity(code, body.DailyCapacity), ct)))
            .RequireAuthorization(Policies.Admin).WithName("setLocationCapacity")
            .WithSummary("Set a location's daily capacity (null: unlimited); routing skips it once today's is taken")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{code}/deactivate", async (string code, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetLocationActive(code, false), ct)))
            .RequireAuthorization(Policies.Admin).WithName("deactivateLocation")
            .WithSummary("Take a location out of the virtual stock: it promises nothing and refuses new holds")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{code}/activate", async (string code, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetLocationActive(code, true), ct)))
            .RequireAuthorization(Policies.Admin).WithName("activateLocation")
            .WithSummary("Bring a deactivated location back into the virtual stock")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<LocationResponse>> CreateLocation(CreateLocation body, ISender sender, CancellationToken ct)
    {
        var location = await sender.Send(body, ct);
        return TypedResults.Created($"/api/v1/locations/{location.Code}", location);
    }

    private static async Task<Ok<Page<LocationResponse>>> ListLocations(SnakeCaseEnum<LocationKind>? kind, int? limit,
        string? cursor, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListLocations(kind?.Value, limit, cursor), ct));
}

/// <summary>Body of PUT /locations/{code}/capacity: fulfilments per local day, null for unlimited.</summary>
public sealed record CapacityBody(int? DailyCapacity);
