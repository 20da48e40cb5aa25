using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HybridOrders.Benchmarks;

/// <summary>
/// <c>--webhook</c>: one local receiver (an <see cref="HttpListener"/> on a free loopback port), subscribed to <c>*</c> for each
/// "with" slice of the loads (<see cref="SubscribeAsync"/>, <see cref="CatchUpAndUnsubscribeAsync"/>), so that those run with
/// the outbox dispatcher delivering every event and the "without" slices beside them with no subscription. It answers 204 at once and records each event's
/// delivery lag: arrival minus the event's <c>occurredAt</c> (the moment its change was saved, just before commit).
/// The API must allow private targets (scripts/bench.sh sets <c>Webhooks__AllowPrivateNetworks=true</c> with this option).
/// </summary>
internal sealed class WebhookSink : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<double> _lagsMs = [];
    private readonly HashSet<long> _ids = [];
    private readonly Task _loop;
    private int _duplicates;
    private int _messages;
    private long _lastArrival = Stopwatch.GetTimestamp();
    private long _firstArrival;
    private long _deliveringTicks; // first to last arrival, summed over the subscriptions so far
    private readonly BenchApi _api;
    private string? _subscriptionId;

    private WebhookSink(int port, BenchApi api)
    {
        _api = api;
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        // A thread of its own, blocking on each request: the receiver stands for a service elsewhere that answers at once,
        // not one queued behind the 32 load clients' continuations on this process's thread pool.
        _loop = Task.Factory.StartNew(Loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public string Url { get; }

    public int BatchSize { get; private init; } = 1;

    public static WebhookSink Start(BenchApi api, int batchSize)
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var sink = new WebhookSink(port, api) { BatchSize = batchSize };
        Console.WriteLine($"Webhook receiver at {sink.Url}, subscribed to * while a \"with\" slice runs (every event is delivered)" +
                          (batchSize > 1 ? $", batched: up to {batchSize} events per request" : ", one event per request"));
        return sink;
    }

    /// <summary>Subscribes the receiver to <c>*</c> (a new subscription starts at the newest event).</summary>
    public async Task SubscribeAsync()
    {
        using var response = await _api.Http.PostAsJsonAsync("/api/v1/webhooks", new { url = Url, events = new[] { "*" }, description = "benchmark", batchSize = BatchSize });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST /api/v1/webhooks answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        _subscriptionId = created.RootElement.GetProperty("id").GetString();
    }

    /// <summary>Waits until the dispatcher has caught up (nothing arrived for 2 s, at most 120 s), then deletes the subscription.</summary>
    public async Task CatchUpAndUnsubscribeAsync()
    {
        await CatchUpAsync();
        lock (_lagsMs)
        {
            if (_firstArrival != 0) _deliveringTicks += _lastArrival - _firstArrival;
            _firstArrival = 0;
        }
        if (_subscriptionId is null) return;
        using var response = await _api.Http.DeleteAsync($"/api/v1/webhooks/{_subscriptionId}");
        if (response.StatusCode != HttpStatusCode.NoContent)
            throw new InvalidOperationException($"DELETE /api/v1/webhooks/{_subscriptionId} answered {(int)response.StatusCode}");
        _subscriptionId = null;
    }

    private async Task CatchUpAsync()
    {
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 120;
        while (Stopwatch.GetTimestamp() < until)
        {
            lock (_lagsMs)
                if (Stopwatch.GetElapsedTime(_lastArrival) > TimeSpan.FromSeconds(2)) break;
            await Task.Delay(200);
        }
    }

    private void Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                using var doc = JsonDocument.Parse(context.Request.InputStream);
                var now = DateTimeOffset.UtcNow;
                var root = doc.RootElement;
                // One event, or a batched message: { "type": "batch", "events": [ ... ] }
                var events = root.GetProperty("type").GetString() == "batch" ? root.GetProperty("events").EnumerateArray().ToList() : [root];
                lock (_lagsMs)
                {
                    _messages++;
                    foreach (var e in events)
                    {
                        var id = e.GetProperty("id").GetInt64();
                        var occurred = DateTimeOffset.Parse(e.GetProperty("occurredAt").GetString()!, CultureInfo.InvariantCulture);
                        if (_ids.Add(id)) _lagsMs.Add((now - occurred).TotalMilliseconds);
                        else _duplicates++;
                    }
                    _lastArrival = Stopwatch.GetTimestamp();
                    if (_firstArrival == 0) _firstArrival = _lastArrival;
                }
                context.Response.StatusCode = 204;
            }
            catch (JsonException)
            {
                context.Response.StatusCode = 400;
            }
            context.Response.Close();
        }
    }

    /// <summary>Prints the lag over every "with" slice (each waited for its deliveries before it ended).</summary>
    public void Report()
    {
        double[] lags;
        int duplicates, messages;
        double seconds;
        lock (_lagsMs)
        {
            lags = [.. _lagsMs.Order()];
            duplicates = _duplicates;
            messages = _messages;
            seconds = (double)_deliveringTicks / Stopwatch.Frequency;
        }
        // One subscription's events arrive one after the other: events over the time from the first to the last (summed over
        // the "with" slices) is the rate the dispatcher kept up for one receiver (while the load ran and then while it caught up).
        var perSecond = seconds > 0 ? lags.Length / seconds : double.NaN;
        double P(double q) => lags.Length == 0 ? double.NaN : lags[Math.Min(lags.Length - 1, (int)Math.Ceiling(q * lags.Length) - 1)];
        Console.WriteLine();
        Console.WriteLine($"Webhook deliveries: {lags.Length} events received ({duplicates} repeated), delivery lag p50 {P(0.50):F0} ms, " +
                          $"p99 {P(0.99):F0} ms, max {(lags.Length == 0 ? double.NaN : lags[^1]):F0} ms (goal: p99 < 2000 ms); " +
                          $"{perSecond:F0} events/s from the first arrival to the last, in {messages} requests");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT webhook events={lags.Length} duplicates={duplicates} lag_p50_ms={P(0.50):F0} lag_p99_ms={P(0.99):F0} lag_max_ms={(lags.Length == 0 ? double.NaN : lags[^1]):F0} delivered_per_s={perSecond:F0} batch_size={BatchSize} requests={messages}"));
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
