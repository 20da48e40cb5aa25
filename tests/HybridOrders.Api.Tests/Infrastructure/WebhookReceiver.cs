using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace HybridOrders.Api.Tests.Infrastructure;

/// <summary>One webhook request as the receiver saw it, and whether its signature verified with the StandardWebhooks library.</summary>
/// <see cref="Call"/> is the request's number (1-based): the events of one batched request share it.
public sealed record ReceivedWebhook(long Id, string Type, JsonNode Body, string WebhookId, bool SignatureValid, int Answered, int Call);

/// <summary>
/// A real HTTP receiver: a minimal Kestrel app on a free loopback port. It verifies each request's signature with the
/// StandardWebhooks library (once the secret is known), answers with whatever <see cref="Answer"/> says, and records what came.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _inFlight;
    private int _calls;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The signing secret of the subscription (set after POST /webhooks).</summary>
    public string? Secret { get; set; }

    /// <summary>Status to answer for the n-th call (1-based); 200 by default; <see cref="Hang"/> never answers.</summary>
    public Func<int, JsonNode, int> Answer { get; set; } = (_, _) => 200;

    public const int Hang = -1;

    /// <summary>Requests that arrived (whatever the answer), including ones still waiting.</summary>
    public int Calls => _calls;

    /// <summary>The most requests in flight at the same time (a dispatcher must send one subscription's events one by one).</summary>
    public int MaxConcurrent { get; private set; }

    public string Url { get; }

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            return await receiver!.HandleAsync(http, body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, address + "/hook");
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpContext http, string body)
    {
        var now = Interlocked.Increment(ref _inFlight);
        lock (this) MaxConcurrent = Math.Max(MaxConcurrent, now);
        try
        {
            await Task.Delay(2); // widen the window in which a concurrent duplicate would show
            var call = Interlocked.Increment(ref _calls);
            var json = JsonNode.Parse(body)!;
            var valid = false;
            if (Secret is not null)
            {
                try
                {
                    new StandardWebhook(Secret).Verify(body, http.Request.Headers);
                    valid = true;
                }
                catch (Exception)
                {
                    valid = false;
                }
            }
            var status = Answer(call, json);
            Record(json, http.Request.Headers["webhook-id"].ToString(), valid, status, call);
            if (status == Hang)
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { });
                return Results.StatusCode(500);
            }
            return Results.StatusCode(status);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>One entry per event: a batched message (<c>{ type: "batch", events }</c>) adds each of its events, with the
    /// message's webhook-id, signature check and answer.</summary>
    private void Record(JsonNode json, string webhookId, bool valid, int answered, int call)
    {
        var events = json["type"]!.GetValue<string>() == "batch" ? json["events"]!.AsArray().Select(e => e!).ToList() : [json];
        foreach (var e in events)
            Received.Enqueue(new ReceivedWebhook(e["id"]!.GetValue<long>(), e["type"]!.GetValue<string>(), e, webhookId, valid, answered, call));
    }

    /// <summary>What came, one entry per request (a batched request's events together), in the order they arrived.</summary>
    public IReadOnlyList<IReadOnlyList<ReceivedWebhook>> Requests() =>
        Received.GroupBy(r => r.Call).OrderBy(g => g.Key).Select(g => (IReadOnlyList<ReceivedWebhook>)g.ToList()).ToList();

    /// <summary>Waits until <paramref name="done"/> holds for what was received (answered 2xx), or fails after the timeout.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, int timeoutSeconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var delivered = Received.Where(r => r.Answered is >= 200 and < 300).ToList();
            if (done(delivered)) return delivered;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Webhook deliveries did not arrive in {timeoutSeconds} s; received: "
                                           + string.Join(", ", Received.Select(r => $"{r.Id}:{r.Type}:{r.Answered}")));
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>An API on PostgreSQL whose dispatcher polls fast and retries after a second, and may send to loopback (the receiver).</summary>
public class PostgresWebhookApiFactory : PostgresApiFactory
{
    public PostgresWebhookApiFactory() { }

    internal PostgresWebhookApiFactory(string database) : base(database) { }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        WebhookSettings.Apply(builder);
    }
}

public class SqliteWebhookApiFactory : SqliteApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        WebhookSettings.Apply(builder);
    }
}

public static class WebhookSettings
{
    public static readonly IReadOnlyDictionary<string, string> Fast = new Dictionary<string, string>
    {
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:PollMilliseconds"] = "50",
        ["Webhooks:RetryDelaysSeconds:0"] = "1",
        ["Webhooks:LeaseSeconds"] = "30",
        ["Events:GapTimeoutSeconds"] = "3",
    };

    public static void Apply(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        foreach (var (key, value) in Fast) builder.UseSetting(key, value);
    }
}

/// <summary>Two API instances (two hosts, each with its own dispatcher) on one PostgreSQL database.</summary>
public sealed class TwoWebhookInstances : IAsyncLifetime
{
    public PostgresWebhookApiFactory First { get; }
    public PostgresWebhookApiFactory Second { get; }

    public TwoWebhookInstances()
    {
        var database = $"ho_test_{Guid.NewGuid():N}";
        First = new PostgresWebhookApiFactory(database);
        Second = new PostgresWebhookApiFactory(database);
    }

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
