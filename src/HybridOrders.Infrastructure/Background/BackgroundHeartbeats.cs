using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HybridOrders.Infrastructure.Background;

/// <summary>
/// Background services say when they last did their work: each registers with its interval once it starts and ticks
/// after every completed run. <c>/health/ready</c> reports a service as degraded when it has not ticked for 3 intervals
/// (stuck, or failing on every run). Monotonic time: a moved system or test clock changes nothing here.
/// </summary>
public sealed class BackgroundHeartbeats
{
    public const int MissedIntervals = 3;

    private readonly ConcurrentDictionary<string, Beat> _beats = new(StringComparer.Ordinal);

    /// <summary>The service runs every <paramref name="interval"/> from now on.</summary>
    public void Register(string service, TimeSpan interval) => _beats[service] = new Beat(interval, Stopwatch.GetTimestamp());

    /// <summary>The service completed a run.</summary>
    public void Tick(string service)
    {
        if (_beats.TryGetValue(service, out var beat)) _beats[service] = beat with { Last = Stopwatch.GetTimestamp() };
    }

    public IReadOnlyList<(string Service, TimeSpan Interval, TimeSpan SinceLastRun)> Snapshot() =>
        _beats.OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => (b.Key, b.Value.Interval, Stopwatch.GetElapsedTime(b.Value.Last)))
            .ToList();

    private sealed record Beat(TimeSpan Interval, long Last);
}

/// <summary>Degraded when a registered background service has missed <see cref="BackgroundHeartbeats.MissedIntervals"/> runs.</summary>
internal sealed class BackgroundServicesHealthCheck(BackgroundHeartbeats heartbeats) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var beats = heartbeats.Snapshot();
        var data = beats.ToDictionary(b => b.Service, b => (object)$"last run {b.SinceLastRun.TotalSeconds:0.0} s ago, every {b.Interval.TotalSeconds:0.#} s");
        var late = beats.Where(b => b.SinceLastRun > b.Interval * BackgroundHeartbeats.MissedIntervals).Select(b => b.Service).ToList();
        return Task.FromResult(late.Count == 0
            ? HealthCheckResult.Healthy($"{beats.Count} background service(s) running", data)
            : HealthCheckResult.Degraded($"Not run for {BackgroundHeartbeats.MissedIntervals} intervals: {string.Join(", ", late)}", data: data));
    }
}
