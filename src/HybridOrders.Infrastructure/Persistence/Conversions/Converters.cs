using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace HybridOrders.Infrastructure.Persistence.Conversions;

public sealed class InstantToTicksConverter() : ValueConverter<Instant, long>(
    i => i.ToUnixTimeTicks(), t => Instant.FromUnixTimeTicks(t));

public sealed class InstantToUtcDateTimeConverter() : ValueConverter<Instant, DateTime>(
    i => i.ToDateTimeUtc(), d => Instant.FromDateTimeUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc)));

/// <summary>A calendar date as DateOnly: ISO text on SQLite (sorts and compares as dates), <c>date</c> on SQL Server.</summary>
public sealed class LocalDateToDateOnlyConverter() : ValueConverter<LocalDate, DateOnly>(
    d => d.ToDateOnly(), d => LocalDate.FromDateOnly(d));

public sealed class LocalTimeToTimeOnlyConverter() : ValueConverter<LocalTime, TimeOnly>(
    t => t.ToTimeOnly(), t => LocalTime.FromTimeOnly(t));

/// <summary>Money (two decimals) as a whole number of minor units.</summary>
public sealed class MoneyToMinorUnitsConverter() : ValueConverter<decimal, long>(
    m => (long)decimal.Round(m * 100m, 0, MidpointRounding.AwayFromZero), u => u / 100m);
