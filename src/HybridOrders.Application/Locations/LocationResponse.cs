using HybridOrders.Domain.Locations;
using NodaTime;
using NodaTime.Text;

namespace HybridOrders.Application.Locations;

public sealed record OpeningHoursDto(string? Day, string? Opens, string? Closes);

public sealed record LocationResponse(
    string Code,
    string Name,
    LocationKind Kind,
    double Latitude,
    double Longitude,
    string TimeZone,
    bool PickupEnabled,
    bool ShipFromEnabled,
    bool Active,
    IReadOnlyList<OpeningHoursDto> OpeningHours,
    Instant CreatedAt,
    int? DailyCapacity)
{
    public static LocationResponse From(Location l) => new(
        l.Code, l.Name, l.Kind, l.Latitude, l.Longitude, l.TimeZoneId, l.PickupEnabled, l.ShipFromEnabled, l.IsActive,
        l.OpeningHours.Select(h => new OpeningHoursDto(
            OpeningHoursFormat.DayName(h.Day), OpeningHoursFormat.Time.Format(h.Opens), OpeningHoursFormat.Time.Format(h.Closes))).ToList(),
        l.CreatedAt, l.DailyCapacity);
}

/// <summary>The wire form of opening hours: days "monday".."sunday", times "HH:mm" in the store's own time zone.</summary>
public static class OpeningHoursFormat
{
    public static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static string DayName(IsoDayOfWeek day) => Days[(int)day - 1];

    public static bool TryParseDay(string? value, out IsoDayOfWeek day)
    {
        var index = value is null ? -1 : Array.IndexOf(Days, value);
        day = index < 0 ? IsoDayOfWeek.None : (IsoDayOfWeek)(index + 1);
        return index >= 0;
    }

    public static bool TryParseTime(string? value, out LocalTime time)
    {
        var result = value is null ? null : Time.Parse(value);
        time = result is { Success: true } ? result.Value : default;
        return result is { Success: true };
    }
}
