using System.Net;
using HybridOrders.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace HybridOrders.Api.Tests.Operations;

/// <summary>Rate limits per API key (OWASP API4): a key over its limit gets 429 rate_limited with Retry-After, while
/// another key of the same role, at the same time, is served as usual.</summary>
public sealed class RateLimitTests(RateLimitTests.TightLimitsFactory factory) : IClassFixture<RateLimitTests.TightLimitsFactory>
{
    public sealed class TightLimitsFactory : SqliteApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimits:Roles:pos:Burst", "5");
            builder.UseSetting("RateLimits:Roles:pos:PerSecond", "1");
        }
    }

    [Fact]
    public async Task A_key_over_its_limit_gets_429_while_another_key_is_served()
    {
        var admin = factory.Admin();
        var (first, second) = (await admin.CreateLocationAsync(), await admin.CreateLocationAsync());
        var abuser = factory.Pos(first);
        var neighbour = factory.Pos(second);

        var flood = Enumerable.Range(0, 30).Select(_ => abuser.GetAsync($"/api/v1/locations/{first}")).ToList();
        var meanwhile = Enumerable.Range(0, 3).Select(_ => neighbour.GetAsync($"/api/v1/locations/{second}")).ToList();
        var flooded = await Task.WhenAll(flood);
        var served = await Task.WhenAll(meanwhile);

        served.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        flooded.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeInRange(5, 15); // the burst, plus what refilled meanwhile
        var refused = flooded.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        refused.Count.ShouldBeGreaterThanOrEqualTo(15);
        var one = refused[0];
        int.Parse(one.Headers.RetryAfter!.ToString()).ShouldBeGreaterThanOrEqualTo(1);
        one.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await one.Content.ReadAsStringAsync())!;
        problem["code"]!.GetValue<string>().ShouldBe("rate_limited");
        problem["status"]!.GetValue<int>().ShouldBe(429);

        // other roles keep their (generous) defaults
        (await admin.GetAsync($"/api/v1/locations/{first}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
