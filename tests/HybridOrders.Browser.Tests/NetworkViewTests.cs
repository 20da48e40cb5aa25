using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HybridOrders.Browser.Tests;

/// <summary>The network view as logistics staff use it, in headless Chromium against the real API.</summary>
[Collection(MonitorCollection.Name)]
public sealed class NetworkViewTests(MonitorFixture fixture, ITestOutputHelper output)
{
    private readonly Shop _shop = fixture.Shop;

    [Fact]
    public async Task Logistics_sees_a_delivery_route_and_a_pickup_on_the_map_and_in_the_table_and_reads_the_routing_candidates()
    {
        // Mitte is nearest to the customer but has only one of two; Pankow has one; the warehouse has everything.
        var sku = await _shop.ProductWithStockAsync(("MON-MITTE", 1), ("MON-WH", 5), ("MON-PANKOW", 1));
        var delivery = (await _shop.DeliveryAsync((sku, 2))).SingleFulfilment();
        var pickup = (await _shop.PickupAsync("MON-MITTE", false, (await _shop.ProductWithStockAsync(("MON-MITTE", 3)), 1))).SingleFulfilment();
        var split = await _shop.DeliveryAsync((await _shop.ProductWithStockAsync(("MON-PANKOW", 2)), 1), (await _shop.ProductWithStockAsync(("MON-SPANDAU", 2)), 1));
        var transfer = (await _shop.PickupAsync("MON-PANKOW", true, (await _shop.ProductWithStockAsync(("MON-SPANDAU", 2)), 1))).SingleFulfilment();
        delivery.Str("originLocationCode").ShouldBe("MON-WH");
        split.Fulfilments().Count.ShouldBe(2);
        transfer.Str("type").ShouldBe("transfer_to_pickup");

        var page = await fixture.Browser.OpenMonitorAsync(fixture.Host);
        await page.SignInAsync(MonitorHost.LogisticsKey);
        await Expect(page.Locator("#who-role")).ToHaveTextAsync("Logistics");
        await Expect(page.Locator("#live-text")).ToContainTextAsync("Live · updated");

        // on the map: the delivery as a route from the warehouse, the pickup as a dot at its store, the transfer, the split order
        var route = page.Locator($"#map .route[data-code='{delivery.Str("code")}']");
        await Expect(route).ToBeVisibleAsync();
        await Expect(route).ToHaveAttributeAsync("aria-label", new Regex("Delivery from MON-WH to the customer"));
        await Expect(page.Locator($"#map .pickup-dot[data-code='{pickup.Str("code")}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"#map .route.type-transfer_to_pickup[data-code='{transfer.Str("code")}']")).ToBeVisibleAsync();
        var ring = page.Locator($"#map .split-ring[data-order='{split.Str("id")}']");
        await Expect(ring).ToContainTextAsync("×2");
        await Expect(ring).ToHaveAttributeAsync("aria-label", new Regex($"^Split order {split.Str("number")}: 2 parts, from MON-(PANKOW and MON-SPANDAU|SPANDAU and MON-PANKOW)$"));
        await Expect(page.Locator("#map .location[data-location='MON-WH']")).ToContainTextAsync("MON-WH");

        // hovering or focusing names what it is
        await route.FocusAsync();
        await Expect(page.Locator("#map-tip")).ToContainTextAsync($"{delivery.Str("code")}: Delivery from MON-WH");
        await page.Locator($"#map .pickup-dot[data-code='{pickup.Str("code")}']").HoverAsync();
        await Expect(page.Locator("#map-tip")).ToContainTextAsync($"{pickup.Str("code")}: Pickup in store from MON-MITTE to MON-MITTE");

        // in the table
        var deliveryRow = Row(page, delivery);
        await Expect(deliveryRow).ToContainTextAsync("Delivery");
        await Expect(deliveryRow).ToContainTextAsync("MON-WH");
        await Expect(deliveryRow).ToContainTextAsync("Unter den Linden 1, Berlin");
        await Expect(deliveryRow).ToContainTextAsync("On track");
        await Expect(Row(page, pickup)).ToContainTextAsync("Pickup");
        await Expect(Row(page, pickup)).ToContainTextAsync("To pick");
        foreach (var (part, i) in split.Fulfilments().Select((f, i) => (f, i)))
        {
            await Expect(Row(page, part)).ToContainTextAsync($"split {i + 1}/2");
            await Expect(Row(page, part)).ToContainTextAsync("Unter den Linden 1, Berlin"); // every part knows where it goes
        }

        // filtered by type, only pickups remain
        await page.GetByLabel("Type").SelectOptionAsync("pickup");
        await Expect(deliveryRow).ToHaveCountAsync(0);
        await Expect(Row(page, pickup)).ToBeVisibleAsync();
        await page.GetByLabel("Type").SelectOptionAsync("");
        await Expect(deliveryRow).ToBeVisibleAsync();

        // the detail panel: lines, timeline in store time, and every routing candidate with its distance and reason
        await deliveryRow.GetByRole(AriaRole.Button, new() { Name = $"Open {delivery.Str("code")}" }).ClickAsync();
        var detail = page.Locator("#detail");
        await Expect(detail.Locator("h2")).ToHaveTextAsync(delivery.Str("code"));
        await Expect(detail.Locator("table.mini").First).ToContainTextAsync(sku);
        await Expect(detail.Locator(".timeline")).ToContainTextAsync("Allocated to MON-WH");
        await Expect(detail.Locator(".timeline")).ToContainTextAsync("(Europe/Berlin)");
        var candidates = delivery["routing"]!["candidates"]!.AsArray().Select(c => c!).ToList();
        candidates.Count.ShouldBe(3);
        var rows = detail.Locator("ol.candidates > li");
        await Expect(rows).ToHaveCountAsync(3);
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            await Expect(rows.Nth(i).Locator(".cand-code")).ToHaveTextAsync(c.Str("locationCode"));
            await Expect(rows.Nth(i)).ToContainTextAsync(Km(c["distanceKm"]!.GetValue<double>()));
            await Expect(rows.Nth(i)).ToContainTextAsync(c["canFulfilAll"]!.GetValue<bool>() ? "has everything" : "lacks some items");
            await Expect(rows.Nth(i)).ToContainTextAsync(c.Str("reason"));
            await Expect(rows.Nth(i)).ToContainTextAsync(c["chosen"]!.GetValue<bool>() ? "✓ chosen" : "not chosen");
        }
        await Expect(rows.Filter(new() { HasText = "✓ chosen" }).Locator(".cand-code")).ToHaveTextAsync("MON-WH");
        await Expect(rows.Nth(0)).ToContainTextAsync("cannot send the whole order"); // Mitte is nearest but has one of two
        await Expect(route).ToHaveClassAsync(new Regex(@"\bselected\b"));

        await detail.Locator("ol.candidates").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("network-logistics-1280x800", output);
    }

    [Fact]
    public async Task The_network_view_fits_a_tablet_and_works_by_keyboard()
    {
        var delivery = (await _shop.DeliveryAsync((await _shop.ProductWithStockAsync(("MON-SPANDAU", 2)), 1))).SingleFulfilment();

        var page = await fixture.Browser.OpenMonitorAsync(fixture.Host, 1024, 768);
        await page.GetByLabel("API key").FillAsync(MonitorHost.LogisticsKey);
        await page.Keyboard.PressAsync("Enter");
        await Expect(Row(page, delivery)).ToBeVisibleAsync();

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, "the page scrolls sideways at 1024×768");
        var tableOverflow = await page.EvaluateAsync<int>("() => document.querySelector('#fulfilments').scrollWidth - document.querySelector('.table-scroll').clientWidth");
        tableOverflow.ShouldBeLessThanOrEqualTo(0, "the fulfilments table needs sideways scrolling at 1024×768; column widths: "
            + await page.EvaluateAsync<string>("() => [...document.querySelectorAll('#fulfilments thead th')].map(th => th.textContent + '=' + th.offsetWidth).join(', ')"));
        var map = await page.Locator("#map").BoundingBoxAsync();
        map.ShouldNotBeNull();
        map.Width.ShouldBeGreaterThan(500);

        // open from the keyboard, close with Escape, and focus returns to where it was
        var open = Row(page, delivery).GetByRole(AriaRole.Button);
        await open.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#detail h2")).ToHaveTextAsync(delivery.Str("code"));
        await Expect(page.Locator("#detail h2")).ToBeFocusedAsync();
        await page.ScreenshotAsync("network-logistics-1024x768", output);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#detail")).ToBeHiddenAsync();
        await Expect(Row(page, delivery).GetByRole(AriaRole.Button)).ToBeFocusedAsync();
    }

    private static ILocator Row(IPage page, JsonNode fulfilment) => page.Locator($"#fulfilments tbody tr[data-code='{fulfilment.Str("code")}']");

    /// <summary>Distances as the page writes them: one decimal under 10 km, whole kilometres above.</summary>
    private static string Km(double km) =>
        (km < 10 ? km.ToString("0.0", CultureInfo.InvariantCulture) : Math.Round(km, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)) + " km";
}
