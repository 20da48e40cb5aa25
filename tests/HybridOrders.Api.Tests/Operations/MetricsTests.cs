using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Operations;

/// <summary>GET /metrics: Prometheus text from OpenTelemetry, admin only by default; the product's own meter moves.</summary>
public sealed class MetricsTests(MetricsTests.TelemetryFactory factory) : IClassFixture<MetricsTests.TelemetryFactory>
{
    public class TelemetryFactory : SqliteApiFactory
    {
        public TelemetryFactory() => Telemetry = true;
    }

    [Fact]
    public async Task The_product_meters_move_after_a_hold_and_an_order()
    {
        var admin = factory.Admin();
        var store = await admin.CreateLocationAsync();
        var sku = await admin.CreateProductAsync(12.5m);
        await admin.ReceiveAsync(store, sku, 3);
        var before = await ScrapeAsync(admin);

        (await factory.Pos(store).PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = store, channel = "pos", customer = new { name = "Anna" }, lines = new[] { new { sku, quantity = 1 } },
        })).Expect(HttpStatusCode.Created);
        (await factory.Storefront().PostJsonAsync("/api/v1/orders", new
        {
            channel = "web", customer = new { email = "metrics@example.com" }, lines = new[] { new { sku, quantity = 1 } },
            fulfilment = new { type = "delivery", address = new { line1 = "Unter den Linden 1", city = "Berlin", postalCode = "10117", country = "DE", latitude = 52.517, longitude = 13.389 } },
        })).Expect(HttpStatusCode.Created);
        (await factory.Pos(store).PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = store, channel = "pos", customer = new { name = "Ben" }, lines = new[] { new { sku, quantity = 5 } },
        })).ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");
        var after = await ScrapeAsync(admin);

        Sum(after, "hybridorders_holds_total", ("channel", "pos"), ("outcome", "held")).ShouldBeGreaterThan(Sum(before, "hybridorders_holds_total", ("channel", "pos"), ("outcome", "held")));
        Sum(after, "hybridorders_holds_total", ("outcome", "insufficient_stock")).ShouldBeGreaterThan(Sum(before, "hybridorders_holds_total", ("outcome", "insufficient_stock")));
        Sum(after, "hybridorders_orders_total", ("channel", "web"), ("fulfilment", "delivery"), ("outcome", "placed"))
            .ShouldBeGreaterThan(Sum(before, "hybridorders_orders_total", ("channel", "web"), ("fulfilment", "delivery"), ("outcome", "placed")));
        Sum(after, "hybridorders_stock_refusals_total", ("operation", "hold")).ShouldBeGreaterThan(Sum(before, "hybridorders_stock_refusals_total", ("operation", "hold")));
        Sum(after, "hybridorders_routing_duration_seconds_count", ("kind", "ship_from"))
            .ShouldBeGreaterThan(Sum(before, "hybridorders_routing_duration_seconds_count", ("kind", "ship_from")));
        after.ShouldContain("dotnet_gc_collections_total"); // runtime meter
        // The ASP.NET Core meters (http_server_request_duration_seconds, kestrel_*) are per host; with many test hosts in one
        // process OpenTelemetry may keep another host's instruments, so they are not asserted here.
    }

    [Fact]
    public async Task Metrics_need_an_admin_key_unless_anonymous_scraping_is_allowed()
    {
        (await factory.Anonymous().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.Storefront().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await using var open = new AnonymousMetricsFactory();
        var response = await open.Anonymous().GetAsync("/metrics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
    }

    private static async Task<string> ScrapeAsync(HttpClient admin)
    {
        var response = await admin.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return text;
    }

    /// <summary>The sum of one metric's samples whose labels include all of <paramref name="labels"/>.</summary>
    private static double Sum(string scrape, string metric, params (string Name, string Value)[] labels) =>
        Regex.Matches(scrape, $@"^{Regex.Escape(metric)}\{{(?<labels>[^}}]*)\}} (?<value>\S+)", RegexOptions.Multiline)
            .Where(m => labels.All(l => m.Groups["labels"].Value.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    private sealed class AnonymousMetricsFactory : TelemetryFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Metrics:AllowAnonymous", "true");
        }
    }
}
