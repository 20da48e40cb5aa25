using HybridOrders.Domain.Webhooks;
using NodaTime;

namespace HybridOrders.Application.Webhooks;

public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, string? Description, WebhookStatus Status,
    string? DisabledReason, Instant? DisabledAt, long LastEventId, Instant? FailingSince, string? LastError, Instant CreatedAt, int BatchSize)
{
    public static WebhookResponse From(WebhookSubscription s) => new(s.Id, s.Url, s.Types, s.Description, s.Status,
        s.DisabledReason, s.DisabledAt, s.Cursor, s.FailingSince, s.LastError, s.CreatedAt, s.BatchSize);
}

/// <summary>The answer to <c>POST /webhooks</c>: the only time the secret is shown.</summary>
public sealed record WebhookCreatedResponse(Guid Id, string Url, IReadOnlyList<string> Events, string? Description, WebhookStatus Status,
    string Secret, Instant CreatedAt, int BatchSize);

public sealed record WebhookDeliveryResponse(long EventId, string Type, int Attempt, int? StatusCode, string? Error, Instant At, int DurationMs);

/// <summary>Checks that a webhook target is not in loopback, link-local or private ranges (an SSRF guard), unless
/// <c>Webhooks:AllowPrivateNetworks</c>. Checked when subscribing and again on every delivery (DNS can change).</summary>
public interface IWebhookUrlPolicy
{
    /// <summary>Why the URL may not be used, or null when it may.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken ct);
}

public sealed class WebhookUrlNotAllowedException(string detail)
    : Domain.Common.DomainException("webhook_url_not_allowed", detail, Domain.Common.RefusalKind.Unprocessable);
