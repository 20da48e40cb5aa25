using System.Net;
using System.Text.Json.Nodes;

namespace HybridOrders.Browser.Tests;

/// <summary>What the page relies on, over plain HTTP against the same host: its files need no key, the two monitor routes do.</summary>
[Collection(MonitorCollection.Name)]
public sealed class MonitorEndpointTests(MonitorFixture fixture)
{
    private readonly MonitorHost _host = fixture.Host;

    [Fact]
    public async Task The_page_and_its_assets_are_served_without_a_key_and_the_API_still_needs_one()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _host.BaseAddress };

        using var redirect = await anonymous.GetAsync("/monitor");
        redirect.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        redirect.Headers.Location!.ToString().ShouldEndWith("/monitor/");
        using var page = await anonymous.GetAsync("/monitor/");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("<title>Fulfilment monitor · HybridOrders</title>");
        foreach (var asset in new[] { "monitor.css", "js/app.js", "js/map.js", "js/network.js", "js/store.js" })
            (await anonymous.GetAsync($"/monitor/{asset}")).StatusCode.ShouldBe(HttpStatusCode.OK, asset);

        (await anonymous.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/monitor/settings")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(MonitorHost.LogisticsKey, "logistics", null)]
    [InlineData(MonitorHost.AdminKey, "admin", null)]
    [InlineData(MonitorHost.StorefrontKey, "storefront", null)]
    [InlineData(MonitorHost.PosKey, "pos", MonitorHost.PosStore)]
    public async Task Me_tells_the_key_its_role_and_location(string key, string role, string? location)
    {
        var me = await GetAsync(key, "/api/v1/me");
        me["role"]!.GetValue<string>().ShouldBe(role);
        me["locationCode"]?.GetValue<string>().ShouldBe(location);
    }

    [Fact]
    public async Task Settings_carry_the_service_targets_with_their_defaults_and_the_configured_refresh()
    {
        var settings = await GetAsync(MonitorHost.PosKey, "/api/v1/monitor/settings");

        settings["readyForPickupWithinHours"]!.GetValue<double>().ShouldBe(2);
        settings["shipWithinHours"]!.GetValue<double>().ShouldBe(24);
        settings["pickupDeadlineWarningHours"]!.GetValue<double>().ShouldBe(12);
        settings["refreshSeconds"]!.GetValue<int>().ShouldBe(1); // configured by the test host (default 5)
    }

    [Theory]
    [InlineData("/api/v1/me", "getCurrentKey")]
    [InlineData("/api/v1/monitor/settings", "getMonitorSettings")]
    public async Task Both_routes_are_documented_in_swagger(string path, string operationId)
    {
        using var anonymous = new HttpClient { BaseAddress = _host.BaseAddress };
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/swagger/v1/swagger.json"))!;

        var operation = document["paths"]![path]!["get"].ShouldNotBeNull($"{path} is not documented")!;
        operation["operationId"]!.GetValue<string>().ShouldBe(operationId);
        operation["summary"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        operation["responses"]!["200"]!["content"]!["application/json"]!["schema"].ShouldNotBeNull();
        operation["responses"]!["401"]!["content"]!["application/problem+json"].ShouldNotBeNull();
        operation["responses"]!["403"]!["content"]!["application/problem+json"].ShouldNotBeNull();
    }

    private async Task<JsonNode> GetAsync(string key, string path)
    {
        using var client = _host.Client(key);
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }
}
