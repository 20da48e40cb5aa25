using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Events;

public abstract class EventFeedTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    private static object Hold(string location, string sku, int quantity) => new
    {
        locationCode = location, channel = "pos", customer = new { name = "Anna" }, lines = new[] { new { sku, quantity } },
    };

    private static async Task<List<JsonNode>> ReadAllAsync(HttpClient client, string query, long after = 0)
    {
        var all = new List<JsonNode>();
        var url = $"/api/v1/events?after={after}&{query}";
        for (var page = 0; page < 100; page++)
        {
            var body = (await client.GetJsonAsync(url)).Expect(HttpStatusCode.OK);
            all.AddRange(body["items"]!.AsArray().Select(i => i!));
            var next = body["nextCursor"]?.GetValue<string>();
            if (next is null) return all;
            url = $"/api/v1/events?cursor={next}&{query}";
        }
        throw new InvalidOperationException("The feed did not end.");
    }

    /// <summary>The feed settles within moments of a commit (no hole to wait for when nothing rolled back).</summary>
    private static async Task<List<JsonNode>> WaitForAsync(HttpClient client, string query, Func<List<JsonNode>, bool> done, long after = 0)
    {
        for (var i = 0; ; i++)
        {
            var all = await ReadAllAsync(client, query, after);
            if (done(all) || i == 100) return all;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_feed_lists_events_oldest_first_and_resumes_from_an_id()
    {
        // the feed's end before this test: the database may hold the events of other test classes (on Citus they share one)
        var start = (await ReadAllAsync(_admin, "limit=500")).Select(e => e.Get<long>("id")).DefaultIfEmpty(0).Max();
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(location, sku, 10);
        var pos = factory.Pos(location);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 1))).Expect(HttpStatusCode.Created).Get<string>("id"));
        (await pos.PostJsonAsync($"/api/v1/reservations/{ids[0]}/release", null)).Expect(HttpStatusCode.OK);

        bool Mine(JsonNode e) => e.DataId() is { } id && ids.Contains(id);
        var events = (await WaitForAsync(_admin, "limit=2", all => all.Count(Mine) == 6, start)).Where(Mine).ToList();
        events.Count.ShouldBe(6);
        events.Select(e => e.Get<long>("id")).ShouldBeInOrder(SortDirection.Ascending);
        events.Take(5).ShouldAllBe(e => e.Get<string>("type") == "reservation.created");
        events[5].Get<string>("type").ShouldBe("reservation.released");
        events[5]["data"]!.Get<string>("status").ShouldBe("released");
        events[0]["occurredAt"]!.GetValue<string>().ShouldEndWith("Z");

        // a client that saw the third event resumes after it and gets exactly the rest
        var resumed = (await ReadAllAsync(_admin, "limit=500", events[2].Get<long>("id"))).Where(Mine).ToList();
        resumed.Select(e => e.Get<long>("id")).ShouldBe(events.Skip(3).Select(e => e.Get<long>("id")));

        var released = (await ReadAllAsync(_admin, "types=reservation.released", start)).Where(Mine).ToList();
        released.Single().Get<long>("id").ShouldBe(events[5].Get<long>("id"));
    }

    [Fact]
    public async Task A_pos_key_sees_only_events_at_its_location_and_a_storefront_no_returns()
    {
        var here = await _admin.CreateLocationAsync();
        var there = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(here, sku, 5);
        await _admin.ReceiveAsync(there, sku, 5);
        var mine = (await factory.Pos(here).PostJsonAsync("/api/v1/reservations", Hold(here, sku, 1))).Expect(HttpStatusCode.Created).Get<string>("id");
        var theirs = (await factory.Pos(there).PostJsonAsync("/api/v1/reservations", Hold(there, sku, 1))).Expect(HttpStatusCode.Created).Get<string>("id");

        var all = await WaitForAsync(_admin, "types=reservation.created", e => e.Any(x => x.DataId() == theirs)
                                                                               && e.Any(x => x.DataId() == mine));
        var seenByPos = await ReadAllAsync(factory.Pos(here), "limit=500");
        seenByPos.ShouldContain(e => e.DataId() == mine);
        seenByPos.ShouldNotContain(e => e["data"]!["id"] != null && e.DataId() == theirs);
        seenByPos.ShouldAllBe(e => e["data"]!["locationCode"]!.GetValue<string>() == here);
        all.Count.ShouldBeGreaterThanOrEqualTo(2);

        var seenByStorefront = await ReadAllAsync(factory.Storefront(), "limit=500");
        seenByStorefront.ShouldContain(e => e.DataId() == theirs);
        seenByStorefront.ShouldNotContain(e => e.Get<string>("type").StartsWith("return."));
        (await factory.Storefront().GetJsonAsync("/api/v1/events?types=return.accepted")).Expect(HttpStatusCode.OK)["items"]!.AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Bad_feed_queries_are_400()
    {
        (await _admin.GetJsonAsync("/api/v1/events?types=order.shipped")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _admin.GetJsonAsync("/api/v1/events?after=-1")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _admin.GetJsonAsync("/api/v1/events?limit=501")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _admin.GetJsonAsync("/api/v1/events?cursor=abc")).ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await factory.Anonymous().GetJsonAsync("/api/v1/events")).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Webhook_targets_in_private_ranges_are_refused_when_the_setting_is_off()
    {
        foreach (var url in new[] { "http://10.0.0.1/hook", "http://127.0.0.1:8080/hook", "http://169.254.169.254/latest", "http://[::1]/x",
                     "http://192.168.1.10/hook", "http://localhost/hook", "http://[::ffff:10.0.0.1]/x" })
            (await _admin.PostJsonAsync("/api/v1/webhooks", new { url, events = new[] { "*" } }))
                .ExpectProblem(HttpStatusCode.UnprocessableEntity, "webhook_url_not_allowed");
        (await _admin.PostJsonAsync("/api/v1/webhooks", new { url = "ftp://example.com/x", events = new[] { "*" } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await _admin.PostJsonAsync("/api/v1/webhooks", new { url = "https://93.184.215.14/x", events = new[] { "order.shipped" } }))
            .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed");
        (await factory.Storefront().PostJsonAsync("/api/v1/webhooks", new { url = "https://93.184.215.14/x", events = new[] { "*" } }))
            .Status.ShouldBe(HttpStatusCode.Forbidden);
        // a public address is accepted (nothing is sent in the test: no event follows before the class ends)
        var created = (await _admin.PostJsonAsync("/api/v1/webhooks", new { url = "https://93.184.215.14/x", events = new[] { "stock.low" } }))
            .Expect(HttpStatusCode.Created);
        (await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{created.Get<string>("id")}")).Status.ShouldBe(HttpStatusCode.NoContent);
    }
}

public sealed class EventFeedTestsOnSqlite(SqliteApiFactory factory) : EventFeedTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class EventFeedTestsOnPostgres(PostgresApiFactory factory) : EventFeedTests(factory), IClassFixture<PostgresApiFactory>;

/// <summary>On the Citus cluster: the outbox is a plain table of the coordinator, written in the same (two-phase) transaction as the
/// distributed orders and stock lines it describes (ADR 0012).</summary>
[Collection(CitusCollection.Name)]
public sealed class EventFeedTestsOnCitus(CitusApiFactory factory) : EventFeedTests(factory), IClassFixture<CitusApiFactory>;
