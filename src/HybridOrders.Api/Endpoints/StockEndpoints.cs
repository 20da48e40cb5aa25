using HybridOrders.Api.Auth;
using HybridOrders.Api.OpenApi;
using HybridOrders.Application.Inventory;
using Mediator;

namespace HybridOrders.Api.Endpoints;

/// <summary>Stock lines and their ledger: goods arriving, counts, safety stock, movements.</summary>
public sealed class StockEndpoints : IEndpointGroup
{
    [ValidatedAs(typeof(SetSafetyStock))]
    public sealed record SafetyStockBody(int? Quantity);

    public string Prefix => "";
    public string Tag => "Stock";

    public void Map(RouteGroupBuilder group)
    {
        group.MapPost("/stock/receipts", async (ReceiveStock body, ISender sender, CancellationToken ct) =>
                TypedResults.Created((string?)null, await sender.Send(body, ct)))
            .RequireAuthorization(Policies.StockKeeping).WithName("receiveStock")
            .WithSummary("Goods arrived at a location: on-hand rises")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/stock/adjustments", async (CountStock body, ISender sender, CancellationToken ct) =>
                TypedResults.Created((string?)null, await sender.Send(body, ct)))
            .RequireAuthorization(Policies.StockKeeping).WithName("adjustStock")
            .WithSummary("Set on-hand to a physical count")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/stock/sync", async (SyncStock body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .RequireAuthorization(Policies.StockKeeping).WithName("syncStock")
            .WithSummary("Set on-hand of up to 5,000 stock lines to absolute counts; each line is applied, unchanged or refused on its own")
            .WithIdempotency<SyncStock>()
            .ProducesValidationProblem();

        group.MapGet("/locations/{code}/stock", async (string code, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListLocationStock(code, limit, cursor), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("listLocationStock")
            .WithSummary("Every stock line of one location, by SKU")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/locations/{code}/stock/{sku}/safety-stock", async (string code, string sku, SafetyStockBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetSafetyStock(code, sku, body.Quantity), ct)))
            .RequireAuthorization(Policies.Admin).WithName("setSafetyStock")
            .WithSummary("Set the units a location keeps back from promising")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/locations/{code}/stock/{sku}/low-stock-threshold", async (string code, string sku, SafetyStockBody body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SetLowStockThreshold(code, sku, body.Quantity), ct)))
            .RequireAuthorization(Policies.Admin).WithName("setLowStockThreshold")
            .WithSummary("Set the available figure at or below which the line is low (events stock.low / stock.back_in_stock; default 0)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/locations/{code}/stock/{sku}/movements", async (string code, string sku, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListStockMovements(code, sku, limit, cursor), ct)))
            .RequireAuthorization(Policies.AnyRole).WithName("listStockMovements")
            .WithSummary("The ledger of one stock line, oldest first, with its current figures")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
