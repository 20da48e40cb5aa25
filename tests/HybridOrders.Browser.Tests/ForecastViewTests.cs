using System.Net.Http.Json;
using NodaTime;

namespace HybridOrders.Browser.Tests;

/// <summary>The forecast view: history, forecast and the suggested safety stock as an inline chart, applied by an admin.</summary>
[Collection(MonitorCollection.Name)]
public sealed class ForecastViewTests(MonitorFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task An_admin_sees_history_and_forecast_as_a_chart_and_applies_the_suggested_safety_stock()
    {
        const string store = "MON-MITTE";
        var sku = await fixture.Shop.ProductWithStockAsync((store, 50));
        var admin = fixture.Host.Client(MonitorHost.AdminKey);
        var yesterday = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).Date.PlusDays(-1);
        int[] weekly = [6, 7, 6, 8, 11, 15, 3];
        var random = new Random(3);
        var lines = Enumerable.Range(0, 70).Select(i => new
        {
            date = yesterday.PlusDays(i - 69).ToString("uuuu-MM-dd", null), locationCode = store, sku, channel = "pos",
            quantity = weekly[i % 7] + random.Next(0, 5),
        }).ToArray();
        (await admin.PostAsJsonAsync("/api/v1/stock/sales-history", new { lines })).IsSuccessStatusCode.ShouldBeTrue();

        var page = await fixture.Browser.OpenMonitorAsync(fixture.Host);
        await page.SignInAsync(MonitorHost.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Forecast" }).ClickAsync();
        await page.GetByLabel("SKU").FillAsync(sku);
        await page.GetByLabel("Location").SelectOptionAsync(store);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show forecast" }).ClickAsync();

        await Expect(page.Locator("#result-title")).ToHaveTextAsync($"{sku} · {store}");
        await Expect(page.Locator("#forecast-chart polyline.history-line")).ToHaveAttributeAsync("data-points", "56");
        await Expect(page.Locator("#forecast-chart polyline.forecast-line")).ToHaveAttributeAsync("data-points", "28");
        await Expect(page.Locator("#result-method")).ToContainTextAsync("Holt-Winters");
        await Expect(page.Locator("[data-fact='current']")).ToHaveTextAsync("0");
        var suggested = await page.Locator("[data-fact='suggested']").TextContentAsync();
        int.Parse(suggested!).ShouldBeGreaterThan(0);
        await page.ScreenshotAsync("forecast-view", output);

        await page.GetByRole(AriaRole.Button, new() { Name = "Apply suggestion" }).ClickAsync();
        await Expect(page.Locator("[data-fact='current']")).ToHaveTextAsync(suggested!);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply suggestion" })).ToBeDisabledAsync();
        var movements = await admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/v1/locations/{store}/stock/{sku}/movements");
        movements!["current"]!["safetyStock"]!.GetValue<int>().ShouldBe(int.Parse(suggested!));
    }

    [Fact]
    public async Task A_logistics_key_sees_the_forecast_but_no_apply_button()
    {
        var sku = await fixture.Shop.ProductWithStockAsync(("MON-PANKOW", 5));
        var page = await fixture.Browser.OpenMonitorAsync(fixture.Host);
        await page.SignInAsync(MonitorHost.LogisticsKey);
        await Expect(page.Locator("#who-role")).ToHaveTextAsync("Logistics");
        await page.GotoAsync($"/monitor/forecast.html?sku={sku}&location=MON-PANKOW");
        await Expect(page.Locator("#result-method")).ToHaveTextAsync("Not enough history (under two full weeks)");
        await Expect(page.Locator("[data-fact='suggested']")).ToHaveTextAsync("not enough history");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Apply suggestion" })).ToBeHiddenAsync();
    }
}
