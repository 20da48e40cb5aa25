using NodaTime;

namespace HybridOrders.Domain.Webhooks;

public enum WebhookStatus
{
    Active,
    Disabled,
}

/// <summary>
/// A receiver of events. Events go out in order of id: <see cref="Cursor"/> is the last event this subscription is done
/// with, and the next one is attempted only after that one succeeded. A failing event is retried with growing delays;
/// a subscription failing without a break for <c>disableAfter</c> (3 days) is disabled with a visible reason.
/// Lease columns (<see cref="LeaseOwner"/>, <see cref="LeaseUntilMs"/>) let exactly one dispatcher at a time work on it.
/// </summary>
public sealed class WebhookSubscription
{
    public const string AllEvents = "*";
    public const int MaxUrlLength = 2000;

    /// <summary>The most events one batched request may carry (<see cref="BatchSize"/>).</summary>
    public const int MaxBatchSize = 500;

    private WebhookSubscription() { } // EF Core

    public WebhookSubscription(Guid id, string url, IReadOnlyList<string> eventTypes, string? description, string secret, Instant createdAt, long cursor,
        int batchSize = 1)
    {
        if (eventTypes.Count == 0) throw new ArgumentException("A subscription needs at least one event type.", nameof(eventTypes));
        if (batchSize is < 1 or > MaxBatchSize) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"1 to {MaxBatchSize}.");
        Id = id;
        Url = url;
        EventTypes = string.Join(',', eventTypes.Distinct(StringComparer.Ordinal));
        Description = description;
        Secret = secret;
        CreatedAt = createdAt;
        Status = WebhookStatus.Active;
        Cursor = cursor;
        DueAtMs = createdAt.ToUnixTimeMilliseconds();
        BatchSize = batchSize;
    }

    public Guid Id { get; private set; }
    public string Url { get; private set; } = null!;

    /// <summary>Comma-separated event types, or <c>*</c>.</summary>
    public string EventTypes { get; private set; } = null!;

    public string? Description { get; private set; }

    /// <summary>1 (the default): one event per request, the Standard Webhooks message being the event. More (opted in when
    /// subscribing): one request carries up to this many consecutive events in id order, the message being
    /// <c>{ type: "batch", events: [...] }</c>; only a backlog makes a batch longer than one event.</summary>
    public int BatchSize { get; private set; } = 1;

    public bool Batched => BatchSize > 1;

    /// <summary>A batched subscription whose last message failed: the id of that message's last event, so that the next
    /// attempt sends the same run again (the same <c>webhook-id</c>, as Standard Webhooks asks of a resent message), or
    /// the shorter run the dispatcher chose after an answer that said the message was too large. Null otherwise.</summary>
    public long? RetryThroughId { get; private set; }

    /// <summary><c>whsec_</c> + base64 of the signing key. Shown once at creation; never logged.</summary>
    public string Secret { get; private set; } = null!;

    public Instant CreatedAt { get; private set; }
    public WebhookStatus Status { get; private set; }
    public string? DisabledReason { get; private set; }
    public Instant? DisabledAt { get; private set; }

    /// <summary>The last event id this subscription is done with (delivered, or not of its types).</summary>
    public long Cursor { get; private set; }

    /// <summary>Failed attempts of the event after <see cref="Cursor"/> so far.</summary>
    public int FailedAttempts { get; private set; }

    /// <summary>When the current run of failures began (null while deliveries succeed).</summary>
    public Instant? FailingSince { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Not before this (unix ms) is the next attempt due.</summary>
    public long DueAtMs { get; private set; }

    /// <summary>The dispatcher that holds the subscription, until <see cref="LeaseUntilMs"/> (unix ms; 0 = free).</summary>
    public string? LeaseOwner { get; private set; }
    public long LeaseUntilMs { get; private set; }

    public IReadOnlyList<string> Types => EventTypes.Split(',');

    public bool ReceivesAll => EventTypes == AllEvents;

    public bool Receives(string type) => ReceivesAll || Types.Contains(type, StringComparer.Ordinal);

    /// <summary>The event was answered 2xx: the subscription moves past it.</summary>
    public void Delivered(long eventId)
    {
        if (eventId <= Cursor) throw new InvalidOperationException($"Event {eventId} is not after the cursor {Cursor}.");
        Cursor = eventId;
        if (RetryThroughId <= eventId) RetryThroughId = null;
        FailedAttempts = 0;
        FailingSince = null;
        LastError = null;
    }

    /// <summary>No event of this subscription's types up to <paramref name="eventId"/>: nothing to send, move on.</summary>
    public void SkipTo(long eventId)
    {
        if (eventId > Cursor) Cursor = eventId;
        if (RetryThroughId <= eventId) RetryThroughId = null;
    }

    /// <summary>The attempt failed: retry after the next delay of <paramref name="retryDelays"/> (the last one repeats),
    /// or disable when it has been failing for <paramref name="disableAfter"/>. A batched subscription names the last event
    /// its next attempt is to carry (<see cref="RetryThroughId"/>).</summary>
    public void Failed(Instant now, string error, IReadOnlyList<Duration> retryDelays, Duration disableAfter, long? retryThroughId = null)
    {
        if (retryThroughId is not null && (!Batched || retryThroughId <= Cursor))
            throw new ArgumentOutOfRangeException(nameof(retryThroughId), retryThroughId, "A retried run belongs to a batched subscription and lies after the cursor.");
        RetryThroughId = retryThroughId;
        FailedAttempts++;
        FailingSince ??= now;
        LastError = error.Length > 500 ? error[..500] : error;
        var delay = retryDelays.Count == 0 ? Duration.FromMinutes(1) : retryDelays[Math.Min(FailedAttempts - 1, retryDelays.Count - 1)];
        DueAtMs = (now + delay).ToUnixTimeMilliseconds();
        if (now - FailingSince.Value >= disableAfter)
        {
            Status = WebhookStatus.Disabled;
            DisabledAt = now;
            DisabledReason = $"Deliveries failed without a break since {FailingSince.Value} ({FailedAttempts} attempts); last error: {LastError}";
        }
    }

    /// <summary>Disabled before: start again at the event it was stuck on, at once.</summary>
    public void Enable(Instant now)
    {
        Status = WebhookStatus.Active;
        DisabledReason = null;
        DisabledAt = null;
        FailedAttempts = 0;
        FailingSince = null;
        DueAtMs = now.ToUnixTimeMilliseconds();
    }

    public void ReleaseLease()
    {
        LeaseOwner = null;
        LeaseUntilMs = 0;
    }
}

/// <summary>One attempt to deliver one event to one subscription (the delivery log).</summary>
public sealed class WebhookDelivery
{
    private WebhookDelivery() { } // EF Core

    public WebhookDelivery(Guid subscriptionId, long eventId, string type, int attempt, int? statusCode, string? error, Instant at, int durationMs)
    {
        SubscriptionId = subscriptionId;
        EventId = eventId;
        Type = type;
        Attempt = attempt;
        StatusCode = statusCode;
        Error = error is { Length: > 500 } ? error[..500] : error;
        At = at;
        DurationMs = durationMs;
    }

    public long Id { get; private set; }
    public Guid SubscriptionId { get; private set; }
    public long EventId { get; private set; }
    public string Type { get; private set; } = null!;
    public int Attempt { get; private set; }
    public int? StatusCode { get; private set; }
    public string? Error { get; private set; }
    public Instant At { get; private set; }
    public int DurationMs { get; private set; }

    public bool Succeeded => StatusCode is >= 200 and < 300;
}
