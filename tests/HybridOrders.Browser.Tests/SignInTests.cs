namespace HybridOrders.Browser.Tests;

[Collection(MonitorCollection.Name)]
public sealed class SignInTests(MonitorFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_wrong_key_shows_a_clear_message_and_nothing_else()
    {
        var page = await fixture.Browser.OpenMonitorAsync(fixture.Host);

        await page.SignInAsync("not-a-real-key");

        await Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("This API key is not recognised. Check the key and try again.");
        await Expect(page.GetByLabel("API key")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#network-view")).ToBeHiddenAsync();
        await Expect(page.Locator("#store-view")).ToBeHiddenAsync();
        (await page.EvaluateAsync<string?>("() => sessionStorage.getItem('hybridorders.monitor.apiKey')")).ShouldBeNull();
        await page.ScreenshotAsync("sign-in-wrong-key", output);

        // a real key whose role has no business here is told so, too
        await page.SignInAsync(MonitorHost.StorefrontKey);
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("A storefront key cannot open the monitor");
    }

    [Fact]
    public async Task The_key_is_kept_for_the_tab_and_sign_out_forgets_it()
    {
        var page = await fixture.Browser.OpenMonitorAsync(fixture.Host);
        await page.SignInAsync(MonitorHost.LogisticsKey);
        await Expect(page.Locator("#who-role")).ToHaveTextAsync("Logistics");

        await page.ReloadAsync();
        await Expect(page.Locator("#who-role")).ToHaveTextAsync("Logistics");
        await Expect(page.Locator("#map .location[data-location='MON-WH']")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        (await page.EvaluateAsync<string?>("() => sessionStorage.getItem('hybridorders.monitor.apiKey')")).ShouldBeNull();
        await page.ScreenshotAsync("sign-in-after-sign-out", output);
    }
}
