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
/// <c>id.timestamp.body</c>), signed by the <c>StandardWebhooks</c> library. No redirects are followed (a redirect could
/// lead to a private address); the answer is read only up to a few KiB; the client times out after 10 s.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, EventJson json, IOptions<WebhookOptions> options)
{
    public const string ClientName = "webhooks";

    public string Body(EventRecord e) => JsonSerializer.Serialize(EventResponse.From(e), json.Options);

    public async Task<DeliveryOutcome> SendAsync(string url, string secret, EventRecord e, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            var body = Body(e);
            var id = e.Id.ToString(CultureInfo.InvariantCulture);
            var timestamp = DateTimeOffset.UtcNow;
            var signature = new StandardWebhook(secret).Sign(id, timestamp, body);

            using var request = new HttpRequestMessage(HttpMethod.Post, url);
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("webhook-id", id);
            request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("webhook-signature", signature);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("HybridOrders-Webhooks", "1.0"));

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return new DeliveryOutcome(status, null, Elapsed());
            var answer = await ReadSomeAsync(response, timeout.Token);
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
    }

    /// <summary>The first bytes of an error answer, for the delivery log; a huge or slow body cannot hold the dispatcher.</summary>
    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[WebhookOptions.MaxResponseBytes];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
            var text = Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
            return text.Length > 200 ? text[..200] : text;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            return "";
        }
    }
}
