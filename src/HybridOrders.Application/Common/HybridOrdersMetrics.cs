using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HybridOrders.Application.Common;

/// <summary>
/// The product's own meter, <c>HybridOrders</c> (System.Diagnostics.Metrics; exported by OpenTelemetry to OTLP and to
/// <c>GET /metrics</c>). Static so that any layer records with one call and no wiring; instruments cost nothing while no
/// listener is attached. Prometheus names: dots become underscores, counters get <c>_total</c>, units a suffix.
/// </summary>
public static class HybridOrdersMetrics
{
    public const string MeterName = "HybridOrders";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Holds = Meter.CreateCounter<long>("hybridorders.holds",
        description: "Hold requests by channel and outcome (held, or the refusal code)");
    private static readonly Counter<long> Orders = Meter.CreateCounter<long>("hybridorders.orders",
        description: "Orders by channel, fulfilment and outcome (placed, or the refusal code)");
    private static readonly Counter<long> StockRefusals = Meter.CreateCounter<long>("hybridorders.stock.refusals",
        description: "Requests refused for want of stock, by operation (hold, order)");
    private static readonly Histogram<double> RoutingDuration = Meter.CreateHistogram<double>("hybridorders.routing.duration", unit: "s",
        description: "Time to compute one routing decision (candidates already read)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05] });
    private static readonly Counter<long> HoldsExpired = Meter.CreateCounter<long>("hybridorders.holds.expired",
        description: "Holds released by the expiry sweeper");
    private static readonly Counter<long> PickupsExpired = Meter.CreateCounter<long>("hybridorders.pickups.expired",
        description: "Pickups not collected by their deadline, released by the expiry sweeper");
    private static readonly Counter<long> FulfilmentsRejected = Meter.CreateCounter<long>("hybridorders.fulfilments.rejected",
        description: "Fulfilments a location rejected, by reason");
    private static readonly Counter<long> TransactionRetries = Meter.CreateCounter<long>("hybridorders.db.transaction_retries",
        description: "Transactions rolled back and run again after a deadlock or serialization failure, by reason");
    private static readonly Histogram<double> OutboxLagSeconds = Meter.CreateHistogram<double>("hybridorders.outbox.lag", unit: "s",
        description: "Time from an event's commit to its dispatch");

    public static void HoldRequested(string channel, string outcome) =>
        Holds.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));

    public static void OrderRequested(string channel, string fulfilment, string outcome) =>
        Orders.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("fulfilment", fulfilment),
            new KeyValuePair<string, object?>("outcome", outcome));

    public static void StockRefused(string operation) => StockRefusals.Add(1, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>Runs one routing decision and records how long it took, tagged with what was routed (<c>ship_from</c>: a
    /// delivery or the transfers of a pickup over the ship-from locations).</summary>
    public static T Routed<T>(string kind, Func<T> route)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return route();
        }
        finally
        {
            RoutingDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    public static void HoldExpired() => HoldsExpired.Add(1);

    public static void PickupExpired() => PickupsExpired.Add(1);

    public static void FulfilmentRejected(string reason) => FulfilmentsRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void TransactionRetried(string reason) => TransactionRetries.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void OutboxLag(TimeSpan lag) => OutboxLagSeconds.Record(lag.TotalSeconds);
}
