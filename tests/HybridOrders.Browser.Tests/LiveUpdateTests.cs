namespace HybridOrders.Browser.Tests;

/// <summary>The page keeps itself current without a reload, marks what misses a service target, and says when the API is gone.
/// Runs on its own API host (with a tiny shipping target) so that it can stop it.</summary>
[Collection(MonitorCollection.Name)]
public sealed class LiveUpdateTests(MonitorFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task New_orders_appear_by_themselves_late_ones_are_marked_and_a_lost_API_is_reported()
    {
        await using var host = new MonitorHost(new Dictionary<string, string> { ["Monitor:ShipWithinHours"] = "0.0001" });
        host.Start();
        var shop = new Shop(host);
        await shop.CreateNetworkAsync();

        var page = await fixture.Browser.OpenMonitorAsync(host);
        await page.SignInAsync(MonitorHost.LogisticsKey);
        await Expect(page.Locator("#fulfilments tbody")).ToContainTextAsync("No fulfilments match these filters.");
        await Expect(page.Locator("#live-text")).ToContainTextAsync("Live · updated");

        var delivery = (await shop.DeliveryAsync((await shop.ProductWithStockAsync(("MON-WH", 3)), 1))).SingleFulfilment();

        var row = page.Locator($"#fulfilments tbody tr[data-code='{delivery.Str("code")}']");
        await Expect(row).ToBeVisibleAsync(); // no reload: the page polls
        await Expect(row).ToContainTextAsync("Not shipped within");
        await Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\blate\b"));
        await Expect(page.Locator($"#map .route.late[data-code='{delivery.Str("code")}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#offline")).ToBeHiddenAsync();

        await host.DisposeAsync(); // the API goes away

        await Expect(page.Locator("#offline")).ToContainTextAsync("The API cannot be reached");
        await Expect(page.Locator("#live-text")).ToContainTextAsync("API unreachable · last update");
        await Expect(row).ToBeVisibleAsync(); // the last data stays on screen
        await page.ScreenshotAsync("network-api-unreachable", output);
    }
}
