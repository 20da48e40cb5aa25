namespace HybridOrders.Browser.Tests;

/// <summary>The store view as a store team uses it on a tablet: its own pickup queue, and the steps that move it.</summary>
[Collection(MonitorCollection.Name)]
public sealed class StoreViewTests(MonitorFixture fixture, ITestOutputHelper output)
{
    private readonly Shop _shop = fixture.Shop;

    [Fact]
    public async Task A_store_marks_a_pickup_ready_then_collected_and_sees_its_queue_move()
    {
        const string store = MonitorHost.PosStore;
        var sku = await _shop.ProductWithStockAsync((store, 5));
        var order = await _shop.PickupAsync(store, false, (sku, 2));
        var pickup = order.SingleFulfilment();
        var next = (await _shop.PickupAsync(store, false, (await _shop.ProductWithStockAsync((store, 1)), 1))).SingleFulfilment();
        var transfer = (await _shop.PickupAsync(store, true, (await _shop.ProductWithStockAsync(("MON-MITTE", 1)), 1))).SingleFulfilment();
        var outgoing = (await _shop.DeliveryAsync((await _shop.ProductWithStockAsync((store, 1)), 1))).SingleFulfilment();
        var elsewhere = (await _shop.PickupAsync("MON-MITTE", false, (await _shop.ProductWithStockAsync(("MON-MITTE", 1)), 1))).SingleFulfilment();
        transfer.Str("type").ShouldBe("transfer_to_pickup");
        outgoing.Str("originLocationCode").ShouldBe(store);

        var page = await fixture.Browser.OpenMonitorAsync(fixture.Host, 1024, 768);
        await page.SignInAsync(MonitorHost.PosKey);
        await Expect(page.Locator("#who-role")).ToHaveTextAsync("Store (POS)");
        await Expect(page.Locator("#store-title")).ToHaveTextAsync("Store KREUZBERG");
        await Expect(page.Locator("#network-view")).ToBeHiddenAsync();

        var toPick = page.Locator($"#col-pick [data-code='{pickup.Str("code")}']");
        await Expect(toPick).ToContainTextAsync($"2 × {sku}");
        await Expect(page.Locator($"[data-code='{elsewhere.Str("code")}']")).ToHaveCountAsync(0); // another store's pickup is not shown
        await Expect(page.Locator($"#col-pick [data-code='{transfer.Str("code")}']")).ToContainTextAsync("Coming from MON-MITTE");
        await Expect(page.Locator($"#outgoing [data-code='{outgoing.Str("code")}']")).ToContainTextAsync("Delivery to Unter den Linden 1");

        await toPick.GetByRole(AriaRole.Button, new() { Name = $"Mark ready: {pickup.Str("code")}" }).ClickAsync();
        var ready = page.Locator($"#col-ready [data-code='{pickup.Str("code")}']");
        await Expect(ready).ToContainTextAsync("Collect by");
        await Expect(ready).ToContainTextAsync("20:00 (Europe/Berlin)"); // the store's closing time, in its own zone
        await Expect(toPick).ToHaveCountAsync(0);
        await Expect(page.Locator("#toast")).ToHaveTextAsync($"{pickup.Str("code")} is ready for pickup.");
        (await _shop.FulfilmentAsync(pickup.Str("id"))).Str("status").ShouldBe("ready_for_pickup");

        await page.Locator($"#col-pick [data-code='{next.Str("code")}']").GetByRole(AriaRole.Button, new() { Name = $"Mark ready: {next.Str("code")}" }).ClickAsync();
        await Expect(page.Locator($"#col-ready [data-code='{next.Str("code")}']")).ToBeVisibleAsync();

        await ready.GetByRole(AriaRole.Button, new() { Name = $"Collect: {pickup.Str("code")}" }).ClickAsync();
        var collected = page.Locator($"#col-collected [data-code='{pickup.Str("code")}']");
        await Expect(collected).ToContainTextAsync("Collected");
        await Expect(ready).ToHaveCountAsync(0);
        await Expect(page.Locator("#count-collected")).ToHaveTextAsync("1");
        await Expect(page.Locator("#count-ready")).ToHaveTextAsync("1");
        await Expect(page.Locator("#count-pick")).ToHaveTextAsync("1");
        (await _shop.FulfilmentAsync(pickup.Str("id"))).Str("status").ShouldBe("collected");

        await page.ScreenshotAsync("store-pos-1024x768", output);
    }
}
