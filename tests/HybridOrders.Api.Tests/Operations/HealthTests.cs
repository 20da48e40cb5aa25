using System.Net;
using HybridOrders.Api.Tests.Infrastructure;
using HybridOrders.Infrastructure.Background;
using Microsoft.Extensions.DependencyInjection;

namespace HybridOrders.Api.Tests.Operations;

/// <summary>/health/ready also reports the background services: degraded when one has not run for 3 intervals.</summary>
public sealed class HealthTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task Ready_is_healthy_while_the_expiry_sweeper_and_the_webhook_dispatcher_run_and_degraded_when_a_service_stops_ticking()
    {
        var heartbeats = factory.Services.GetRequiredService<BackgroundHeartbeats>();
        string[] services = [ExpiryService.HeartbeatName, WebhookDispatcher.HeartbeatName];
        for (var i = 0; i < 50 && !services.All(s => heartbeats.Snapshot().Any(b => b.Service == s)); i++) await Task.Delay(100);
        foreach (var service in services) heartbeats.Snapshot().ShouldContain(b => b.Service == service);
        (await ReadyAsync()).ShouldBe((HttpStatusCode.OK, "Healthy"));

        heartbeats.Register("test-stalled-service", TimeSpan.FromMilliseconds(20)); // registers and never ticks
        await Task.Delay(200);
        (await ReadyAsync()).ShouldBe((HttpStatusCode.OK, "Degraded"));

        heartbeats.Tick("test-stalled-service");
        heartbeats.Register("test-stalled-service", TimeSpan.FromHours(1));
        (await ReadyAsync()).ShouldBe((HttpStatusCode.OK, "Healthy"));
    }

    private async Task<(HttpStatusCode, string)> ReadyAsync()
    {
        var response = await factory.Anonymous().GetAsync("/health/ready");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
