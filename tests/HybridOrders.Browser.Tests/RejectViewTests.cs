using System.Text.RegularExpressions;

namespace HybridOrders.Browser.Tests;

/// <summary>Short picks in the monitor: the store's "can't find it" action, and rejected and re-routed fulfilments on the network view.</summary>
[Collection(MonitorCollection.Name)]
public sealed class RejectViewTests(MonitorFixture fixture, ITestOutputHelper output)
{
    private readonly Shop _shop = fixture.Shop;

    [Fact]
    public async Task A_store_that_cannot_find_items_rejects_them_from_its_cards_and_they_are_re_routed()
    {
        const string store = MonitorHost.PosStore;
        var sku = await _shop.ProductWithStockAsync((store, 3), ("MON-MITTE", 5));
        var pickup = (await _shop.PickupAsync(store, false, (sku, 3))).SingleFulfilment();
        var outgoing = (await _shop.DeliveryAsync((await _shop.ProductWithStockAsync((store, 1), ("MON-WH", 2)), 1))).SingleFulfilment();
        outgoing.Str("originLocationCode").ShouldBe(store);
        var number = pickup.Str("code")[..pickup.Str("code").LastIndexOf('-')];

        var page = await fixture.Browser.OpenMonitorAsync(fixture.Host, 1024, 768);
        await page.SignInAsync(MonitorHost.PosKey);
        var card = page.Locator($"#col-pick [data-code='{pickup.Str("code")}']");
        await card.GetByRole(AriaRole.Button, new() { Name = $"Can't find it: {pickup.Str("code")}" }).ClickAsync();
        var quantity = card.GetByLabel($"Quantity of {sku} not found (of 3)");
        await Expect(quantity).ToBeFocusedAsync();
        await Expect(quantity).ToHaveValueAsync("3");

        // more than the card holds is caught before anything is sent
        await quantity.FillAsync("4");
        await card.GetByRole(AriaRole.Button, new() { Name = "Reject these" }).ClickAsync();
        await Expect(card.Locator(".form-error")).ToContainTextAsync("from 0 to 3");
        (await _shop.FulfilmentAsync(pickup.Str("id"))).Str("status").ShouldBe("allocated");

        // one unit is damaged: it is rejected, the rest stays here, the missing one comes from Mitte
        await quantity.FillAsync("1");
        await card.GetByLabel("Reason").SelectOptionAsync("damaged");
        await page.ScreenshotAsync("store-reject-form-1024x768", output);
        await card.GetByRole(AriaRole.Button, new() { Name = "Reject these" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync($"{pickup.Str("code")} rejected. Re-routed: {number}-3 from MON-MITTE.");
        await Expect(card).ToHaveCountAsync(0);
        await Expect(page.Locator($"#col-pick [data-code='{number}-2']")).ToContainTextAsync($"2 × {sku}");
        await Expect(page.Locator($"#col-pick [data-code='{number}-3']")).ToContainTextAsync("Coming from MON-MITTE");
        var rejected = await _shop.FulfilmentAsync(pickup.Str("id"));
        (rejected.Str("status"), rejected.Str("rejectionReason")).ShouldBe(("rejected", "damaged"));
        rejected["lines"]![0]!["rejectedQuantity"]!.GetValue<int>().ShouldBe(1);

        // a card to send: all of it, not on the shelf
        var toSend = page.Locator($"#outgoing [data-code='{outgoing.Str("code")}']");
        await toSend.GetByRole(AriaRole.Button, new() { Name = $"Can't find it: {outgoing.Str("code")}" }).ClickAsync();
        await toSend.GetByRole(AriaRole.Button, new() { Name = "Reject these" }).ClickAsync();
        await Expect(page.Locator("#toast")).ToContainTextAsync("from MON-WH");
        await Expect(toSend).ToHaveCountAsync(0);
        (await _shop.FulfilmentAsync(outgoing.Str("id"))).Str("rejectionReason").ShouldBe("not_found");
        await page.ScreenshotAsync("store-after-reject-1024x768", output);
    }

    [Fact]
    public async Task Logistics_sees_a_rejected_route_linked_to_the_one_that_took_over()
    {
        var sku = await _shop.ProductWithStockAsync(("MON-MITTE", 1), ("MON-PANKOW", 3));
        var delivery = (await _shop.DeliveryAsync((sku, 1))).SingleFulfilment();
        delivery.Str("originLocationCode").ShouldBe("MON-MITTE");
        var result = await _shop.RejectAsync(delivery.Str("id"), "not_found");
        var replacement = result["replacements"]!.AsArray().Single()!;
        replacement.Str("originLocationCode").ShouldBe("MON-PANKOW");

        var page = await fixture.Browser.OpenMonitorAsync(fixture.Host);
        await page.SignInAsync(MonitorHost.LogisticsKey);

        // on the map: the new route marked as re-routed, the old one faded with its mark, and the link from Mitte to Pankow
        var route = page.Locator($"#map .route.rerouted[data-code='{replacement.Str("code")}']");
        await Expect(route).ToHaveAttributeAsync("aria-label", new Regex($"re-routed after {delivery.Str("code")} was rejected at MON-MITTE"));
        var old = page.Locator($"#map .route.rejected[data-code='{delivery.Str("code")}']");
        await Expect(old).ToHaveAttributeAsync("aria-label", new Regex($@"Rejected, order .*\(not found at MON-MITTE; re-routed as {replacement.Str("code")} from MON-PANKOW\)"));
        await Expect(page.Locator($"#map .reject-mark[data-code='{delivery.Str("code")}']")).ToHaveCountAsync(1);
        var link = page.Locator($"#map .reroute-link[data-from='{delivery.Str("id")}'][data-to='{replacement.Str("id")}']");
        await Expect(link).ToHaveAttributeAsync("aria-label",
            $"{delivery.Str("code")} rejected at MON-MITTE (not found): re-routed from MON-PANKOW as {replacement.Str("code")}");
        await link.FocusAsync();
        await Expect(page.Locator("#map-tip")).ToContainTextAsync("re-routed from MON-PANKOW");

        // in the table and the detail panel
        var row = page.Locator($"#fulfilments tbody tr[data-code='{replacement.Str("code")}']");
        await Expect(row.Locator(".reroute-badge")).ToHaveAttributeAsync("title", $"Re-routed: replaces {delivery.Str("code")}, rejected at MON-MITTE");
        await Expect(row.Locator(".split-badge")).ToHaveCountAsync(0); // the rejected part is no longer one of the order's parts
        await row.GetByRole(AriaRole.Button, new() { Name = $"Open {replacement.Str("code")}" }).ClickAsync();
        var detail = page.Locator("#detail");
        await Expect(detail).ToContainTextAsync($"Replaces{delivery.Str("code")} (rejected at MON-MITTE: not found)");
        await Expect(detail.Locator(".strategy")).ToContainTextAsync("Re-routed after its origin rejected it");
        await Expect(detail.Locator("ol.candidates > li").Filter(new() { HasText = "MON-MITTE" })).ToContainTextAsync("rejected: not_found");
        await page.ScreenshotAsync("network-rerouted-1280x800", output);

        // follow the link back to the rejected one
        await detail.GetByRole(AriaRole.Button, new() { Name = delivery.Str("code") }).ClickAsync();
        await Expect(detail.Locator("h2")).ToHaveTextAsync(delivery.Str("code"));
        await Expect(detail.Locator(".pill")).ToHaveTextAsync("Rejected");
        await Expect(detail.Locator(".rejected-why")).ToContainTextAsync("at MON-MITTE: not found");
        await Expect(detail).ToContainTextAsync($"Taken over by{replacement.Str("code")} from MON-PANKOW");
        await Expect(detail.Locator(".timeline")).ToContainTextAsync("Rejected at MON-MITTE: not found");

        await page.GetByLabel("Status").SelectOptionAsync("rejected");
        await Expect(page.Locator($"#fulfilments tbody tr[data-code='{delivery.Str("code")}'] .reject-badge")).ToHaveTextAsync("✕ rejected");
    }

    [Fact]
    public async Task Each_location_with_a_daily_capacity_shows_what_it_has_used_today_on_its_marker()
    {
        (await _shop.SetCapacityAsync("MON-SPANDAU", 1000))["dailyCapacity"]!.GetValue<int>().ShouldBe(1000); // large: other tests route there too
        var delivery = (await _shop.DeliveryAsync((await _shop.ProductWithStockAsync(("MON-SPANDAU", 1)), 1))).SingleFulfilment();
        delivery.Str("originLocationCode").ShouldBe("MON-SPANDAU");

        var page = await fixture.Browser.OpenMonitorAsync(fixture.Host);
        await page.SignInAsync(MonitorHost.LogisticsKey);
        var marker = page.Locator("#map .location[data-location='MON-SPANDAU']");
        var gauge = marker.Locator(".capacity");
        await Expect(gauge).ToHaveAttributeAsync("data-capacity", new Regex(@"^[1-9]\d*/1000$"));
        await Expect(marker).ToHaveAttributeAsync("aria-label", new Regex(@"Capacity today \(\d{4}-\d{2}-\d{2}\): [1-9]\d* of 1000 used\."));
        await Expect(page.Locator("#map .location[data-location='MON-PANKOW'] .capacity")).ToHaveCountAsync(0); // no limit: no gauge
        await marker.FocusAsync();
        await Expect(page.Locator("#map-tip")).ToContainTextAsync("of 1000 used");
        await page.ScreenshotAsync("network-capacity-1280x800", output);
    }
}
