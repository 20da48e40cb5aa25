using HybridOrders.Domain.Locations;
using NodaTime;
using NodaTime.TimeZones;

namespace HybridOrders.Domain.Routing;

/// <summary>
/// When a pickup must be collected: <c>readyAt</c> plus the configured pickup days, at the store's closing time that day,
/// in the store's own time zone. A day the store is closed moves the deadline to the next day it opens (the customer
/// cannot collect on a closed day); a store without opening hours closes at midnight. Local times that a daylight-saving
/// change skips or repeats resolve leniently (to the later instant of a skipped hour, the earlier of a repeated one).
/// </summary>
public static class PickupDeadline
{
    public static Instant For(Instant readyAt, int pickupDays, DateTimeZone zone, IReadOnlyList<OpeningHours> openingHours)
    {
        var date = readyAt.InZone(zone).Date.PlusDays(pickupDays);
        if (openingHours.Count == 0)
            return date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();

        for (var i = 0; i < 7; i++, date = date.PlusDays(1))
        {
            var hours = openingHours.FirstOrDefault(h => h.Day == date.DayOfWeek);
            if (hours is not null) return zone.ResolveLocal(date.At(hours.Closes), Resolvers.LenientResolver).ToInstant();
        }
        throw new InvalidOperationException("Opening hours name no day of the week.");
    }
}
