using NodaTime;

namespace HybridOrders.Infrastructure.Time;

/// <summary>The system clock cut to whole microseconds: the finest instant every provider stores (PostgreSQL keeps µs), so an
/// instant reads back exactly as it was written, and a response, an event's data and a later GET all show the same value.</summary>
public sealed class MicrosecondClock(IClock inner) : IClock
{
    public Instant GetCurrentInstant()
    {
        var ticks = inner.GetCurrentInstant().ToUnixTimeTicks();
        return Instant.FromUnixTimeTicks(ticks - ticks % 10);
    }
}
