namespace HybridOrders.Infrastructure.Webhooks;

/// <summary><c>Webhooks:*</c> settings.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Allow targets in loopback, link-local and private ranges (true in Development; false elsewhere: SSRF guard).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Run the dispatcher in this instance (every instance may; they share the work safely).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How often an idle dispatcher looks for due deliveries.</summary>
    public int PollMilliseconds { get; set; } = 200;

    /// <summary>After a commit with outbox rows woke an idle dispatcher, it waits this much more, so that a burst of commits
    /// is one round (its look-up queries then cost the database once, not once per commit).</summary>
    public int WakeDelayMilliseconds { get; set; } = 20;

    /// <summary>A subscription that is caught up keeps its lease and looks for newly settled events this often (a query each
    /// time), so that a steady stream goes out in batches gathered over this long. Measured under the hold load with a batched
    /// receiver (bench/README, session 8): at 20 ms the holds ran 3-13 % slower than without the webhook (two runs), at 100 ms
    /// from 7 % slower to 2 % faster (three runs); it adds at most this much to the delivery lag.</summary>
    public int GatherMilliseconds { get; set; } = 100;

    /// <summary>How long one claimed subscription is worked on (batch after batch, while events keep settling) before its
    /// lease is given back and the dispatcher looks at the others again.</summary>
    public int RunMilliseconds { get; set; } = 1000;

    /// <summary>Subscriptions one instance works on at once (each one strictly in order).</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Events read for one subscription at a time, whose progress is saved together after they went out (not the
    /// subscription's own <c>batchSize</c>, which is how many events one request carries; a read holds whole requests).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>A batched request stops adding events once their payloads would pass this size (it always carries at least
    /// one), counted in characters of the stored JSON (its UTF-8 bytes for ASCII text; more bytes for other text): under common
    /// receivers' body limits (nginx: 1 MiB) and well inside one timeout.</summary>
    public int MaxBatchBytes { get; set; } = 256 * 1024;

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long a claim holds a subscription; a crashed instance's claim runs out after this.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Delays after the 1st, 2nd, … failed attempt; the last repeats until the subscription is disabled.</summary>
    /// Default 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h: about 16 h, then every 8 h, so retries go on for well over 24 h.
    public int[]? RetryDelaysSeconds { get; set; }

    public static readonly int[] DefaultRetryDelaysSeconds = [5, 30, 120, 600, 1800, 3600, 7200, 14400, 28800];

    public IReadOnlyList<NodaTime.Duration> RetryDelays =>
        (RetryDelaysSeconds is { Length: > 0 } d ? d : DefaultRetryDelaysSeconds).Select(s => NodaTime.Duration.FromSeconds(s)).ToList();

    /// <summary>A subscription failing without a break this long is disabled.</summary>
    public int DisableAfterHours { get; set; } = 72;

    /// <summary>Delivery-log rows older than this are deleted.</summary>
    public int DeliveryLogDays { get; set; } = 14;

    /// <summary>At most this much of a receiver's answer is read (for the delivery log); the rest is ignored.</summary>
    public const int MaxResponseBytes = 4096;
}
