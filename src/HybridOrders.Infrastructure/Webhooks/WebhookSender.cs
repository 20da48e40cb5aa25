using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HybridOrders.Application.Events;
using HybridOrders.Application.Webhooks;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace HybridOrders.Infrastructure.Webhooks;

public sealed record DeliveryOutcome(int? StatusCode, string? Error, int DurationMs)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// One delivery by the Standard Webhooks specification: <c>POST</c> of the event JSON with <c>webhook-id</c> (the event id),
/// <c>webhook-timestamp</c> (unix seconds) and <c>webhook-signature</c> (<c>v1,</c> + base64 HMAC-SHA256 of
/// <c>id.timestamp.body</c>), signed by the <c>StandardWebhooks</c> library; for a batched subscription the message is a run
/// of events (<see cref="Body(IReadOnlyList{EventRecord})"/>), signed the same way. No redirects are followed (a redirect could
/// lead to a private address); the answer is read only up to a few KiB; the client times out after 10 s.
/// A dispatcher sends a run of one subscription's events through one <see cref="Target"/>: the signing key is decoded once,
/// and the HTTP client (one pooled, kept-alive <see cref="SocketsHttpHandler"/> connection per receiver) is taken once.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, EventJson json, IOptions<WebhookOptions> options)
{
    public const string ClientName = "webhooks";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private static readonly ProductInfoHeaderValue UserAgent = new("HybridOrders-Webhooks", "1.0");

    // The envelope's property names as the wire options name them (camelCase: id, type, occurredAt, data).
    private readonly JsonEncodedText _id = Name(json, nameof(EventResponse.Id));
    private readonly JsonEncodedText _type = Name(json, nameof(EventResponse.Type));
    private readonly JsonEncodedText _occurredAt = Name(json, nameof(EventResponse.OccurredAt));
    private readonly JsonEncodedText _data = Name(json, nameof(EventResponse.Data));
    private readonly JsonEncodedText _events = Name(json, "Events");

    private static JsonEncodedText Name(EventJson json, string property) =>
        JsonEncodedText.Encode(json.Options.PropertyNamingPolicy?.ConvertName(property) ?? property, json.Options.Encoder);

    /// <summary>The event as the feed shows it (<see cref="EventResponse"/>), written without parsing its stored payload again:
    /// <c>data</c> is the stored JSON as it is (written by the same wire options), so the bytes are those of serializing
    /// <see cref="EventResponse.From"/>.</summary>
    public byte[] Body(EventRecord e)
    {
        var buffer = new ArrayBufferWriter<byte>(e.Data.Length + 128);
        using (var writer = Writer(buffer)) WriteEvent(writer, e);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A batched subscription's message: <c>{ "type": "batch", "events": [ event, ... ] }</c>, each event exactly as
    /// <see cref="Body(EventRecord)"/> writes it alone, in id order.</summary>
    public byte[] Body(IReadOnlyList<EventRecord> events)
    {
        var buffer = new ArrayBufferWriter<byte>(events.Sum(e => e.Data.Length + 128) + 64);
        using (var writer = Writer(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(_type, BatchType);
            writer.WriteStartArray(_events);
            foreach (var e in events) WriteEvent(writer, e);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The <c>type</c> of a batched message, and its <c>webhook-id</c>: <c>batch_{first id}_{last id}</c>. A failed
    /// message is sent again as the same run, so with the same id (the dispatcher keeps the run's end); only a run halved
    /// after a 413 or no answer is a new message with a new id.</summary>
    public const string BatchType = "batch";

    public static string BatchId(IReadOnlyList<EventRecord> events) =>
        string.Create(CultureInfo.InvariantCulture, $"batch_{events[0].Id}_{events[^1].Id}");

    private Utf8JsonWriter Writer(ArrayBufferWriter<byte> buffer) =>
        new(buffer, new JsonWriterOptions { Encoder = json.Options.Encoder, SkipValidation = true });

    private void WriteEvent(Utf8JsonWriter writer, EventRecord e)
    {
        writer.WriteStartObject();
        writer.WriteNumber(_id, e.Id);
        writer.WriteString(_type, e.Type);
        writer.WritePropertyName(_occurredAt);
        JsonSerializer.Serialize(writer, e.OccurredAt, json.Options);
        writer.WritePropertyName(_data);
        writer.WriteRawValue(e.Data, skipInputValidation: true);
        writer.WriteEndObject();
    }

    /// <summary>One receiver for a run of deliveries (the secret stays in the signer; it is never logged).</summary>
    public Target For(string url, string secret) => new(this, new Uri(url), new StandardWebhook(secret), clients.CreateClient(ClientName));

    public sealed class Target(WebhookSender sender, Uri url, StandardWebhook signer, HttpClient client)
    {
        /// <summary>Sends one event and waits for the answer, blocking the calling thread (the dispatcher's own delivery thread:
        /// the answer wakes it directly instead of queueing a continuation behind the requests in the thread pool, which
        /// under load is most of a delivery's time). HTTP/1.1, as every webhook request is.</summary>
        public DeliveryOutcome Send(EventRecord e, CancellationToken ct) =>
            sender.Send(url, signer, client, e.Id.ToString(CultureInfo.InvariantCulture), sender.Body(e), ct);

        /// <summary>Sends a run of consecutive events as one batched message (a subscription that opted in), the same way.</summary>
        public DeliveryOutcome Send(IReadOnlyList<EventRecord> events, CancellationToken ct) =>
            sender.Send(url, signer, client, BatchId(events), sender.Body(events), ct);
    }

    private DeliveryOutcome Send(Uri url, StandardWebhook signer, HttpClient client, string id, byte[] body, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            var timestamp = DateTimeOffset.UtcNow;
            var signature = signer.Sign(id, timestamp, Encoding.UTF8.GetString(body));

            using var request = new HttpRequestMessage(HttpMethod.Post, url);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonContentType;
            request.Headers.TryAddWithoutValidation("webhook-id", id);
            request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("webhook-signature", signature);
            request.Headers.UserAgent.Add(UserAgent);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return new DeliveryOutcome(status, null, Elapsed());
            var answer = ReadSome(response, timeout.Token);
            return new DeliveryOutcome(status, $"HTTP {status}{(answer.Length > 0 ? ": " + answer : "")}", Elapsed());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryOutcome(null, $"No answer within {options.Value.TimeoutSeconds} s.", Elapsed());
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookUrlNotAllowedException refused)
        {
            return new DeliveryOutcome(null, "webhook_url_not_allowed: " + refused.Message, Elapsed());
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryOutcome(null, ex.Message, Elapsed());
        }
        catch (IOException ex) // a connection reset while the answer's headers were read
        {
            return new DeliveryOutcome(null, ex.Message, Elapsed());
        }
    }

    /// <summary>The first bytes of an error answer, for the delivery log; a huge or slow body cannot hold the dispatcher
    /// (at most <see cref="WebhookOptions.MaxResponseBytes"/> are read, within the request's timeout).</summary>
    private static string ReadSome(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var stream = response.Content.ReadAsStream(ct);
            using var cancel = ct.Register(static s => ((Stream)s!).Dispose(), stream); // a body that trickles in is cut off at the timeout
            var buffer = new byte[WebhookOptions.MaxResponseBytes];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = stream.Read(buffer.AsSpan(read))) > 0) read += n;
            var text = Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
            return text.Length > 200 ? text[..200] : text;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
        {
            return "";
        }
    }
}
