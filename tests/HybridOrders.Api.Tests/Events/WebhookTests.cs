using System.Net;
using System.Text.Json.Nodes;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Events;

/// <summary>Webhooks end to end: the real API (its background dispatcher) posting to a real receiver on a loopback port,
/// signatures verified with the StandardWebhooks library.</summary>
public abstract class WebhookTests(ApiFactory factory)
{
    private readonly HttpClient _admin = factory.Admin();

    private static object Hold(string location, string sku, int quantity) => new
    {
        locationCode = location, channel = "pos", customer = new { name = "Anna" }, lines = new[] { new { sku, quantity } },
    };

    private async Task<(string Location, string Sku, HttpClient Pos)> StoreWithStockAsync(int quantity)
    {
        var location = await _admin.CreateLocationAsync();
        var sku = await _admin.CreateProductAsync();
        await _admin.ReceiveAsync(location, sku, quantity);
        return (location, sku, factory.Pos(location));
    }

    private async Task<JsonNode> SubscribeAsync(WebhookReceiver receiver, params string[] events)
    {
        var created = (await _admin.PostJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events, description = "test receiver" }))
            .Expect(HttpStatusCode.Created);
        receiver.Secret = created.Get<string>("secret");
        return created;
    }

    [Fact]
    public async Task Reservation_events_are_delivered_in_order_with_valid_signatures()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver, "*");
        webhook.Get<string>("secret").ShouldStartWith("whsec_");
        webhook.Get<int>("batchSize").ShouldBe(1); // one event per request unless asked otherwise
        Convert.FromBase64String(webhook.Get<string>("secret")["whsec_".Length..]).Length.ShouldBe(32);
        var (location, sku, pos) = await StoreWithStockAsync(5);

        var first = (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 2))).Expect(HttpStatusCode.Created).Get<string>("id");
        (await pos.PostJsonAsync($"/api/v1/reservations/{first}/release", null)).Expect(HttpStatusCode.OK);
        var second = (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 1))).Expect(HttpStatusCode.Created).Get<string>("id");
        (await pos.PostJsonAsync($"/api/v1/reservations/{second}/fulfil", null)).Expect(HttpStatusCode.OK);

        bool Mine(ReceivedWebhook r) => r.Body.DataId() is { } id && (id == first || id == second);
        var delivered = (await receiver.WaitForAsync(d => d.Count(Mine) >= 4)).Where(Mine).ToList();

        delivered.Select(d => d.Type).ShouldBe(["reservation.created", "reservation.released", "reservation.created", "reservation.fulfilled"]);
        delivered.ShouldAllBe(d => d.SignatureValid);
        delivered.ShouldAllBe(d => d.WebhookId == d.Id.ToString());
        delivered.Select(d => d.Id).ShouldBeInOrder(SortDirection.Ascending);
        receiver.Received.Select(r => r.Id).ShouldBeInOrder(SortDirection.Ascending); // everything, in id order
        receiver.MaxConcurrent.ShouldBe(1);

        // data is the resource as its GET returns it (at the moment of the event)
        var now = (await pos.GetJsonAsync($"/api/v1/reservations/{second}")).Expect(HttpStatusCode.OK);
        delivered[3].Body["data"]!.ToJsonString().ShouldBe(now.ToJsonString());
        delivered[0].Body["data"]!.Get<string>("status").ShouldBe("active");

        // the log is saved with the subscription's progress, after its batch went out: it may trail the receiver by a moment
        bool Logged(JsonNode? i) => i!["eventId"]!.GetValue<long>() == delivered[3].Id && i["statusCode"]!.GetValue<int>() == 200 && i["attempt"]!.GetValue<int>() == 1;
        JsonNode log = new JsonObject();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            log = (await _admin.GetJsonAsync($"/api/v1/webhooks/{webhook.Get<string>("id")}/deliveries?limit=500")).Expect(HttpStatusCode.OK);
            if (log["items"]!.AsArray().Any(Logged)) break;
            await Task.Delay(100);
        }
        log["items"]!.AsArray().Any(Logged).ShouldBeTrue($"delivery log: {log.ToJsonString()}");
        (await _admin.GetJsonAsync($"/api/v1/webhooks/{webhook.Get<string>("id")}")).Expect(HttpStatusCode.OK)["secret"].ShouldBeNull();
    }

    [Fact]
    public async Task Place_ready_collect_are_delivered_in_order_with_valid_signatures()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver, "order.placed", "order.completed", "fulfilment.ready_for_pickup", "fulfilment.collected");
        var store = await _admin.CreateLocationAsync(shipFrom: false, openingHours: Infrastructure.Api.MondayToSaturday);
        var sku = await _admin.CreateProductAsync(unitPrice: 25m);
        await _admin.ReceiveAsync(store, sku, 2);
        var pos = factory.Pos(store);

        var order = (await factory.Storefront().PostJsonAsync("/api/v1/orders", new
        {
            channel = "app", customer = new { phone = "+49 170 5550001", name = "Paul" }, lines = new[] { new { sku, quantity = 2 } },
            fulfilment = new { type = "pickup", locationCode = store },
        })).Expect(HttpStatusCode.Created);
        var orderId = order.Get<string>("id");
        var fulfilmentId = order["fulfilments"]![0]!.Get<string>("id");
        (await pos.PostJsonAsync($"/api/v1/fulfilments/{fulfilmentId}/ready", null)).Expect(HttpStatusCode.OK);
        var collected = (await pos.PostJsonAsync($"/api/v1/fulfilments/{fulfilmentId}/collect", null)).Expect(HttpStatusCode.OK);

        bool Mine(ReceivedWebhook r) => r.Body.DataId() == orderId || r.Body.DataId() == fulfilmentId;
        var delivered = (await receiver.WaitForAsync(d => d.Count(Mine) >= 4)).Where(Mine).ToList();
        delivered.Select(d => d.Type).ShouldBe(["order.placed", "fulfilment.ready_for_pickup", "fulfilment.collected", "order.completed"]);
        delivered.ShouldAllBe(d => d.SignatureValid);
        delivered.Select(d => d.Id).ShouldBeInOrder(SortDirection.Ascending);
        delivered[0].Body["data"]!.ToJsonString().ShouldBe(order.ToJsonString()); // as POST /orders (and GET) showed it then
        delivered[2].Body["data"]!.ToJsonString().ShouldBe(collected.ToJsonString());
        var final = (await factory.Storefront().GetJsonAsync($"/api/v1/orders/{orderId}")).Expect(HttpStatusCode.OK);
        delivered[3].Body["data"]!.ToJsonString().ShouldBe(final.ToJsonString());
        delivered[3].Body["data"]!.Get<string>("status").ShouldBe("completed");
    }

    [Fact]
    public async Task A_receiver_answering_500_three_times_gets_the_event_on_the_fourth_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (location, sku, pos) = await StoreWithStockAsync(5);
        var webhook = await SubscribeAsync(receiver, "reservation.created");
        receiver.Answer = (call, _) => call <= 3 ? 500 : 204;

        var id = (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 1))).Expect(HttpStatusCode.Created).Get<string>("id");

        var delivered = await receiver.WaitForAsync(d => d.Count > 0, timeoutSeconds: 30);
        delivered.Single().Body.DataId().ShouldBe(id);
        receiver.Received.Select(r => r.Answered).ShouldBe([500, 500, 500, 204]);
        receiver.Received.Select(r => r.Id).Distinct().Count().ShouldBe(1);
        receiver.Received.ShouldAllBe(r => r.SignatureValid);

        // the log is saved with the subscription's progress once the answer is in: it may trail the receiver by a moment
        JsonArray log = [];
        for (var attempt = 0; attempt < 100 && log.Count < 4; attempt++)
        {
            if (attempt > 0) await Task.Delay(50);
            log = (await _admin.GetJsonAsync($"/api/v1/webhooks/{webhook.Get<string>("id")}/deliveries")).Expect(HttpStatusCode.OK)["items"]!.AsArray();
        }
        log.Select(i => i!.Get<int>("attempt")).ShouldBe([4, 3, 2, 1]); // newest first
        log.Select(i => i!.Get<int>("statusCode")).ShouldBe([204, 500, 500, 500]);
        log.Skip(1).ShouldAllBe(i => i!.Get<string>("error").StartsWith("HTTP 500"));
        var state = (await _admin.GetJsonAsync($"/api/v1/webhooks/{webhook.Get<string>("id")}")).Expect(HttpStatusCode.OK);
        state.Get<string>("status").ShouldBe("active");
        state["failingSince"].ShouldBeNull();
    }

    private async Task<JsonNode> SubscribeBatchedAsync(WebhookReceiver receiver, int batchSize)
    {
        var webhook = (await _admin.PostJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "reservation.created" }, batchSize }))
            .Expect(HttpStatusCode.Created);
        webhook.Get<int>("batchSize").ShouldBe(batchSize);
        receiver.Secret = webhook.Get<string>("secret");
        return webhook;
    }

    private static int Events(JsonNode message) => message["events"]?.AsArray().Count ?? 0; // 0: not a batched message

    [Fact]
    public async Task A_batched_subscription_sends_its_backlog_in_signed_runs_in_id_order_and_a_refused_run_again_as_it_was()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (location, sku, pos) = await StoreWithStockAsync(10);
        foreach (var wrong in new[] { 0, HybridOrders.Domain.Webhooks.WebhookSubscription.MaxBatchSize + 1 })
            (await _admin.PostJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "*" }, batchSize = wrong }))
                .ExpectProblem(HttpStatusCode.BadRequest, "validation_failed")["errors"]!["batchSize"].ShouldNotBeNull();
        var webhook = await SubscribeBatchedAsync(receiver, 3);
        var accept = false;
        receiver.Answer = (_, json) => Volatile.Read(ref accept) && Events(json) > 0 ? 200 : 500; // refused until the backlog is there

        async Task WaitForCalls(int n)
        {
            for (var wait = 0; wait < 300 && receiver.Calls < n; wait++) await Task.Delay(50);
            receiver.Calls.ShouldBeGreaterThanOrEqualTo(n);
        }
        var holds = new List<string>();
        async Task HoldAsync() => holds.Add((await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 1))).Expect(HttpStatusCode.Created).Get<string>("id"));
        await HoldAsync();
        await WaitForCalls(1); // the first message went out (and was refused) with the first hold alone
        for (var i = 0; i < 4; i++) await HoldAsync();
        await WaitForCalls(3); // sent again twice while four more holds waited behind it
        Volatile.Write(ref accept, true);

        var delivered = await receiver.WaitForAsync(d => d.Count >= 5, timeoutSeconds: 30);
        delivered.Select(d => d.Body.DataId()).ShouldBe(holds);
        delivered.ShouldAllBe(d => d.Type == "reservation.created" && d.SignatureValid);
        delivered.Select(d => d.Id).ShouldBeInOrder(SortDirection.Ascending);
        receiver.MaxConcurrent.ShouldBe(1);
        var requests = receiver.Requests();
        requests.ShouldAllBe(r => r.Count <= 3 && r[0].WebhookId == $"batch_{r[0].Id}_{r[r.Count - 1].Id}");
        // the refused message went again exactly as it was (the first hold alone, same webhook-id) until it was taken,
        // though more events were waiting; then the backlog in runs of at most three: [1], [2, 3, 4], [5]
        var refused = requests.Where(r => r[0].Answered == 500).ToList();
        refused.Count.ShouldBeGreaterThanOrEqualTo(3);
        refused.ShouldAllBe(r => r.Count == 1 && r[0].WebhookId == $"batch_{delivered[0].Id}_{delivered[0].Id}");
        var accepted = requests.Where(r => r[0].Answered == 200).ToList();
        accepted.Select(r => r.Count).ShouldBe([1, 3, 1]);

        // the log: a row per event of every request, each with the attempt of the request that carried it
        var id = webhook.Get<string>("id");
        JsonArray log = [];
        for (var attempt = 0; attempt < 100 && log.Count(i => i!.Get<int>("statusCode") == 200) < 5; attempt++)
        {
            if (attempt > 0) await Task.Delay(50);
            log = (await _admin.GetJsonAsync($"/api/v1/webhooks/{id}/deliveries?limit=500")).Expect(HttpStatusCode.OK)["items"]!.AsArray();
        }
        var succeeded = log.Where(i => i!.Get<int>("statusCode") == 200).ToList();
        succeeded.Select(i => i!.Get<long>("eventId")).Order().ShouldBe(delivered.Select(d => d.Id));
        var firstRun = accepted[0].Select(r => r.Id).ToHashSet();
        succeeded.Where(i => firstRun.Contains(i!.Get<long>("eventId"))).ShouldAllBe(i => i!.Get<int>("attempt") == refused.Count + 1);
        log.Count(i => i!.Get<int>("statusCode") == 500).ShouldBe(refused.Sum(r => r.Count));
        var state = (await _admin.GetJsonAsync($"/api/v1/webhooks/{id}")).Expect(HttpStatusCode.OK);
        state.Get<int>("batchSize").ShouldBe(3);
        state.Get<long>("lastEventId").ShouldBeGreaterThanOrEqualTo(delivered[^1].Id);
        state["failingSince"].ShouldBeNull();
    }

    [Fact]
    public async Task A_batched_request_answered_413_is_sent_again_halved_so_the_stream_goes_on()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (location, sku, pos) = await StoreWithStockAsync(10);
        await SubscribeBatchedAsync(receiver, 3);
        var backlog = false;
        // Refused (500) until the three holds are in; then too large (413) for more than one event.
        receiver.Answer = (_, json) => !Volatile.Read(ref backlog) ? 500 : Events(json) > 1 ? 413 : Events(json) == 1 ? 200 : 500;

        var holds = new List<string>();
        for (var i = 0; i < 3; i++)
            holds.Add((await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 1))).Expect(HttpStatusCode.Created).Get<string>("id"));
        Volatile.Write(ref backlog, true);

        var delivered = await receiver.WaitForAsync(d => d.Count >= 3, timeoutSeconds: 60);
        delivered.Select(d => d.Body.DataId()).ShouldBe(holds);
        var requests = receiver.Requests();
        requests.ShouldAllBe(r => r.Count <= 3);
        requests.Where(r => r[0].Answered == 200).ShouldAllBe(r => r.Count == 1);
        var tooLarge = requests.Where(r => r[0].Answered == 413).ToList();
        tooLarge.ShouldNotBeEmpty();
        // after each 413 the next attempt is the first half of what was refused (same first event, fewer events)
        for (var i = 0; i < requests.Count - 1; i++)
            if (requests[i][0].Answered == 413)
            {
                requests[i + 1][0].Id.ShouldBe(requests[i][0].Id);
                requests[i + 1].Count.ShouldBe((requests[i].Count + 1) / 2);
            }
    }

    [Fact]
    public async Task Only_subscribed_types_are_sent_and_a_deleted_webhook_gets_nothing_more()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (location, sku, pos) = await StoreWithStockAsync(5);
        var webhook = await SubscribeAsync(receiver, "reservation.released");

        var a = (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 1))).Expect(HttpStatusCode.Created).Get<string>("id");
        (await pos.PostJsonAsync($"/api/v1/reservations/{a}/release", null)).Expect(HttpStatusCode.OK);
        var delivered = await receiver.WaitForAsync(d => d.Count > 0);
        delivered.ShouldAllBe(d => d.Type == "reservation.released");

        (await _admin.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{webhook.Get<string>("id")}")).Status.ShouldBe(HttpStatusCode.NoContent);
        var b = (await pos.PostJsonAsync("/api/v1/reservations", Hold(location, sku, 1))).Expect(HttpStatusCode.Created).Get<string>("id");
        (await pos.PostJsonAsync($"/api/v1/reservations/{b}/release", null)).Expect(HttpStatusCode.OK);
        await Task.Delay(1500);
        receiver.Received.ShouldNotContain(r => r.Body.DataId() == b);
        (await _admin.GetJsonAsync($"/api/v1/webhooks/{webhook.Get<string>("id")}")).ExpectProblem(HttpStatusCode.NotFound, "not_found");
    }
}

public sealed class WebhookTestsOnPostgres(PostgresWebhookApiFactory factory) : WebhookTests(factory), IClassFixture<PostgresWebhookApiFactory>;

public sealed class WebhookTestsOnSqlite(SqliteWebhookApiFactory factory) : WebhookTests(factory), IClassFixture<SqliteWebhookApiFactory>;
