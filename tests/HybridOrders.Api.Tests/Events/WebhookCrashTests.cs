using System.Net;
using HybridOrders.Api.Tests.Infrastructure;

namespace HybridOrders.Api.Tests.Events;

/// <summary>Several instances and crashes, on PostgreSQL.</summary>
public sealed class WebhookInstanceTests(TwoWebhookInstances instances) : IClassFixture<TwoWebhookInstances>
{
    [Fact]
    public async Task Two_instances_deliver_each_event_once_in_id_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = instances.First.Admin();
        var created = (await admin.PostJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "*" } })).Expect(HttpStatusCode.Created);
        receiver.Secret = created.Get<string>("secret");
        var location = await admin.CreateLocationAsync();
        var sku = await admin.CreateProductAsync();
        await admin.ReceiveAsync(location, sku, 100);
        var clients = new[] { instances.First.Pos(location), instances.Second.Pos(location) };

        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
            (await clients[i % 2].PostJsonAsync("/api/v1/reservations", new
            {
                locationCode = location, channel = "pos", customer = new { name = $"C{i}" }, lines = new[] { new { sku, quantity = 1 } },
            })).Expect(HttpStatusCode.Created).Get<string>("id")));

        var delivered = await receiver.WaitForAsync(d => d.Count(r => r.Body.DataId() is { } id && ids.Contains(id)) >= 40, 60);
        await Task.Delay(1000); // give a duplicate a chance to show
        receiver.Received.Count.ShouldBe(receiver.Received.Select(r => r.Id).Distinct().Count(), "each event once");
        receiver.Received.Select(r => r.Id).ShouldBeInOrder(SortDirection.Ascending);
        receiver.Received.ShouldAllBe(r => r.SignatureValid && r.Answered == 200);
        receiver.MaxConcurrent.ShouldBe(1);
        delivered.Count(r => r.Type == "reservation.created").ShouldBe(40);
    }
}

/// <summary>kill -9 of a started API process: nothing committed is lost.</summary>
public sealed class WebhookCrashTests
{
    private static Dictionary<string, string> Settings(bool dispatcher, int leaseSeconds = 30) => new(WebhookSettings.Fast)
    {
        ["Webhooks:DispatcherEnabled"] = dispatcher ? "true" : "false",
        ["Webhooks:LeaseSeconds"] = leaseSeconds.ToString(),
    };

    private static async Task<string> HoldAsync(HttpClient admin, WebhookReceiver receiver)
    {
        var created = (await admin.PostJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "reservation.created" } }))
            .Expect(HttpStatusCode.Created);
        receiver.Secret = created.Get<string>("secret");
        var location = await admin.CreateLocationAsync();
        var sku = await admin.CreateProductAsync();
        await admin.ReceiveAsync(location, sku, 3);
        return (await admin.PostJsonAsync("/api/v1/reservations", new
        {
            locationCode = location, channel = "web", customer = new { name = "Kim" }, lines = new[] { new { sku, quantity = 1 } },
        })).Expect(HttpStatusCode.Created).Get<string>("id");
    }

    [Fact]
    public async Task An_event_committed_just_before_a_kill_9_is_delivered_after_the_restart()
    {
        var database = $"ho_test_{Guid.NewGuid():N}";
        await using var receiver = await WebhookReceiver.StartAsync();
        string id;
        await using (var first = await ApiProcess.StartAsync(database, Settings(dispatcher: false)))
        {
            id = await HoldAsync(first.Admin(), receiver);
            first.Kill(); // right after the commit, before any delivery
        }
        receiver.Received.ShouldBeEmpty();

        await using var second = await ApiProcess.StartAsync(database, Settings(dispatcher: true));
        var delivered = await receiver.WaitForAsync(d => d.Any(r => r.Body.DataId() == id), 60);
        delivered.Single().SignatureValid.ShouldBeTrue();
    }

    [Fact]
    public async Task A_delivery_cut_off_by_a_kill_9_is_sent_again_by_the_next_instance()
    {
        var database = $"ho_test_{Guid.NewGuid():N}";
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = (call, _) => call == 1 ? WebhookReceiver.Hang : 200;
        string id;
        await using (var first = await ApiProcess.StartAsync(database, Settings(dispatcher: true, leaseSeconds: 3)))
        {
            id = await HoldAsync(first.Admin(), receiver);
            var until = DateTime.UtcNow.AddSeconds(30);
            while (receiver.Calls == 0 && DateTime.UtcNow < until) await Task.Delay(20);
            receiver.Calls.ShouldBe(1); // the first attempt is in flight
            first.Kill();
        }

        await using var second = await ApiProcess.StartAsync(database, Settings(dispatcher: true, leaseSeconds: 3));
        var delivered = await receiver.WaitForAsync(d => d.Any(r => r.Body.DataId() == id), 60);
        delivered.Single().SignatureValid.ShouldBeTrue();
        receiver.Received.Count.ShouldBe(2); // the cut-off attempt and the one that got through
    }
}
