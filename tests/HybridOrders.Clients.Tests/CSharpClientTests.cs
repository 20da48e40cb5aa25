using System.Text.Json.Nodes;
using HybridOrders.Clients.Generated;

namespace HybridOrders.Clients.Tests;

/// <summary>
/// The same storefront, POS and logistics flows through a C# client NSwag generated at build time from the service's
/// own document (see the project file), against the real API on Kestrel.
/// </summary>
public sealed class CSharpClientTests(ClientHost host) : IClassFixture<ClientHost>
{
    private HybridOrdersClient Client(string key) => new(host.Http(key));

    [Fact]
    public async Task The_generated_client_is_built_from_the_document_the_service_serves()
    {
        var built = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "../../../obj/Generated/openapi.json")));
        using var http = host.Http();
        var served = JsonNode.Parse(await http.GetStringAsync("/swagger/v1/swagger.json"));
        JsonNode.DeepEquals(built, served).ShouldBeTrue("the build-time document differs from GET /swagger/v1/swagger.json");
    }

    [Fact]
    public async Task Storefront_pos_and_logistics_flows_run_through_the_generated_client()
    {
        var (store, warehouse, sku) = (ClientHost.Unique("CS-STORE"), ClientHost.Unique("CS-WH"), ClientHost.Unique("CS-SKU"));
        var admin = Client(ClientHost.AdminKey);
        await admin.CreateLocationAsync(new CreateLocation
        {
            Code = store, Name = "C# client store", Kind = LocationKind.Store, Latitude = 52.52, Longitude = 13.40,
            TimeZone = "Europe/Berlin", PickupEnabled = true, ShipFromEnabled = false,
        });
        await admin.CreateLocationAsync(new CreateLocation
        {
            Code = warehouse, Name = "C# client warehouse", Kind = LocationKind.Warehouse, Latitude = 52.40, Longitude = 13.50,
            TimeZone = "Europe/Berlin", PickupEnabled = false, ShipFromEnabled = true,
        });
        (await admin.CreateProductAsync(new CreateProduct { Sku = sku, Name = "C# client kettle", UnitPrice = 39.9 })).Sku.ShouldBe(sku);
        foreach (var location in new[] { store, warehouse })
            await admin.ReceiveStockAsync(new ReceiveStock { LocationCode = location, Lines = [new QuantityLine { Sku = sku, Quantity = 5 }], Reference = "cs" });

        // storefront
        var storefront = Client(ClientHost.StorefrontKey);
        var availability = await storefront.GetAvailabilityAsync(sku);
        availability.Available.ShouldBe(10);
        availability.Locations.Single(l => l.LocationCode == store).Available.ShouldBe(5);
        var order = await storefront.PlaceOrderAsync(null, new PlaceOrder
        {
            Channel = SalesChannel.Web,
            Customer = new CustomerDto { Email = "cs-client@example.com" },
            Lines = [new QuantityLine { Sku = sku, Quantity = 2 }],
            Fulfilment = new FulfilmentRequest
            {
                Type = FulfilmentMode.Delivery,
                Address = new AddressDto { Line1 = "Unter den Linden 1", City = "Berlin", PostalCode = "10117", Country = "DE", Latitude = 52.517, Longitude = 13.389 },
            },
        });
        order.Number.ShouldNotBeNullOrEmpty();
        order.Status.ShouldBe(OrderStatus.Placed);
        order.Total.ShouldBe(79.8);
        var delivery = order.Fulfilments.Single();
        delivery.OriginLocationCode.ShouldBe(warehouse);
        delivery.Routing.Candidates.ShouldContain(c => c.Chosen && c.LocationCode == warehouse);
        delivery.ReadyAt.ShouldBeNull();
        (await storefront.GetOrderAsync(order.Id)).Lines.Single().Sku.ShouldBe(sku);

        // POS: hold and sell at the till
        var pos = Client(host.PosKey(store));
        var hold = await pos.HoldStockAsync($"cs-{sku}", new HoldStock
        {
            LocationCode = store, Channel = SalesChannel.Pos, Customer = new CustomerDto { Name = "Anna" },
            Lines = [new QuantityLine { Sku = sku, Quantity = 1 }], HoldMinutes = 30,
        });
        hold.Status.ShouldBe(ReservationStatus.Active);
        hold.ClosedAt.ShouldBeNull();
        (await pos.FulfilReservationAsync(hold.Id, null)).Status.ShouldBe(ReservationStatus.Fulfilled);

        // logistics
        var logistics = Client(ClientHost.LogisticsKey);
        var queue = await logistics.ListFulfilmentsAsync(warehouse, "allocated", null, null, null);
        queue.Items.ShouldContain(f => f.Id == delivery.Id && f.OrderNumber == order.Number);
        (await logistics.ShipFulfilmentAsync(delivery.Id)).ShippedAt.ShouldNotBeNull();
        (await logistics.DeliverFulfilmentAsync(delivery.Id)).Status.ShouldBe(FulfilmentStatus.Delivered);

        // a refusal arrives as the documented problem, with its code
        var refused = await Should.ThrowAsync<ApiException<ProblemDetails>>(() => storefront.PlaceOrderAsync(null, new PlaceOrder
        {
            Channel = SalesChannel.App, Customer = new CustomerDto { Phone = "+49 170 5550001" },
            Lines = [new QuantityLine { Sku = sku, Quantity = 999 }],
            Fulfilment = new FulfilmentRequest { Type = FulfilmentMode.Pickup, LocationCode = store },
        }));
        refused.StatusCode.ShouldBe(409);
        refused.Result.Code.ShouldBe("insufficient_stock");
    }
}
