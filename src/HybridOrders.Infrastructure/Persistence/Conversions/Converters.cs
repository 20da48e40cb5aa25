using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace HybridOrders.Infrastructure.Persistence.Conversions;

public sealed class InstantToTicksConverter() : ValueConverter<Instant, long>(
    i => i.ToUnixTimeTicks(), t => Instant.FromUnixTimeTicks(t));

public sealed class InstantToUtcDateTimeConverter() : ValueConverter<Instant, DateTime>(
    i => i.ToDateTimeUtc(), d => Instant.FromDateTimeUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc)));

public sealed class LocalTimeToTimeOnlyConverter() : ValueConverter<LocalTime, TimeOnly>(
    t => t.ToTimeOnly(), t => LocalTime.FromTimeOnly(t));

/// <summary>Money (two decimals) as a whole number of minor units.</summary>
public sealed class MoneyToMinorUnitsConverter() : ValueConverter<decimal, long>(
    m => (long)decimal.Round(m * 100m, 0, MidpointRounding.AwayFromZero), u => u / 100m);
