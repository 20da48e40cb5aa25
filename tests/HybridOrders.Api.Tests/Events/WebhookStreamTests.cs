using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Events;

/// <summary>Many events to one receiver: the dispatcher goes on batch after batch under one claim, wakes at commits instead
/// of waiting for its poll (the poll is set to ten minutes here), and still sends one request at a time, in id order.</summary>
public abstract class WebhookStreamTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    [Fact]
    public async Task Hundreds_of_concurrent_holds_reach_one_receiver_complete_once_each_in_id_order_without_waiting_for_the_poll()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = (await _admin.PostJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "*" } })).Expect(HttpStatusCode.Created);
        receiver.Secret = created.Get<string>("secret");
        var location = await _admin.CreateLocationAsync();
        var skus = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var sku = await _admin.CreateProductAsync();
            await _admin.ReceiveAsync(location, sku, 1000);
            skus.Add(sku);
        }
        var pos = factory.Pos(location);

        const int holds = 400; // four batches of the default 100 and more
        var next = -1;
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < holds)
                ids.Add((await pos.PostJsonAsync("/api/v1/reservations", new
                {
                    locationCode = location, channel = "pos", customer = new { name = $"C{i}" },
                    lines = new[] { new { sku = skus[i % skus.Count], quantity = 1 } },
                })).Expect(HttpStatusCode.Created).Get<string>("id"));
        }));

        var mine = ids.ToHashSet();
        var delivered = await receiver.WaitForAsync(d => d.Count(r => r.Body.DataId() is { } id && mine.Contains(id)) >= holds, 60);
        await Task.Delay(500); // give a duplicate a chance to show
        receiver.Received.Count.ShouldBe(receiver.Received.Select(r => r.Id).Distinct().Count(), "each event once");
        receiver.Received.Select(r => r.Id).ShouldBeInOrder(SortDirection.Ascending);
        receiver.Received.ShouldAllBe(r => r.SignatureValid && r.Answered == 200);
        receiver.MaxConcurrent.ShouldBe(1);
        delivered.Where(r => r.Body.DataId() is { } id && mine.Contains(id)).Select(r => r.Body.DataId()).ToHashSet().SetEquals(mine).ShouldBeTrue();

        // The body is the event as the feed shows it.
        var sample = delivered.First(r => r.Body.DataId() is { } id && mine.Contains(id));
        var feed = (await _admin.GetJsonAsync($"/api/v1/events?after={sample.Id - 1}&limit=1")).Expect(HttpStatusCode.OK)["items"]![0]!;
        JsonNode.DeepEquals(feed, sample.Body).ShouldBeTrue($"feed {feed.ToJsonString()} vs webhook {sample.Body.ToJsonString()}");

        // The delivery log has every attempt.
        var log = (await _admin.GetJsonAsync($"/api/v1/webhooks/{created.Get<string>("id")}/deliveries?limit=500")).Expect(HttpStatusCode.OK)["items"]!.AsArray();
        log.Count(i => i!.Get<int>("statusCode") == 200 && i!.Get<int>("attempt") == 1).ShouldBeGreaterThanOrEqualTo(holds);
    }
}

/// <summary>A dispatcher that polls only every ten minutes: what arrives in time was woken by the commit.</summary>
public sealed class PostgresSlowPollWebhookApiFactory : PostgresWebhookApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:PollMilliseconds", "600000");
    }
}

public sealed class SqliteSlowPollWebhookApiFactory : SqliteWebhookApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:PollMilliseconds", "600000");
    }
}

public sealed class WebhookStreamTestsOnPostgres(PostgresSlowPollWebhookApiFactory factory) : WebhookStreamTests(factory), IClassFixture<PostgresSlowPollWebhookApiFactory>;

public sealed class WebhookStreamTestsOnSqlite(SqliteSlowPollWebhookApiFactory factory) : WebhookStreamTests(factory), IClassFixture<SqliteSlowPollWebhookApiFactory>;
