using HybridOrders.Domain.Common;
using NodaTime;

namespace HybridOrders.Domain.Locations;

public enum LocationKind
{
    Store,
    Warehouse,
}

/// <summary>A store or warehouse: a node of the one virtual stock.</summary>
public sealed class Location
{
    private readonly List<OpeningHours> _openingHours = [];

    private Location() { } // EF Core

    public Location(string code, string name, LocationKind kind, GeoPoint position, DateTimeZone timeZone,
        bool pickupEnabled, bool shipFromEnabled, IEnumerable<OpeningHours>? openingHours, Instant createdAt)
    {
        if (!Codes.IsValid(code)) throw new ArgumentException("Invalid location code.", nameof(code));
        Code = code;
        Name = name;
        Kind = kind;
        Latitude = position.Latitude;
        Longitude = position.Longitude;
        TimeZoneId = timeZone.Id;
        PickupEnabled = pickupEnabled;
        ShipFromEnabled = shipFromEnabled;
        IsActive = true;
        CreatedAt = createdAt;
        var hours = (openingHours ?? []).ToList();
        if (hours.GroupBy(h => h.Day).Any(g => g.Count() > 1))
            throw new DomainException("opening_hours_duplicate_day", "Each day may appear at most once in opening hours.", RefusalKind.Unprocessable);
        _openingHours.AddRange(hours.OrderBy(h => h.Day));
    }

    public string Code { get; private set; } = null!;
    public string Name { get; private set; } = null!;
    public LocationKind Kind { get; private set; }
    public double Latitude { get; private set; }
    public double Longitude { get; private set; }
    public string TimeZoneId { get; private set; } = null!;
    public bool PickupEnabled { get; private set; }
    public bool ShipFromEnabled { get; private set; }
    public bool IsActive { get; private set; }
    public Instant CreatedAt { get; private set; }
    public IReadOnlyList<OpeningHours> OpeningHours => _openingHours;

    public GeoPoint Position => new(Latitude, Longitude);

    /// <summary>Delivery and transfer fulfilments this location takes on per local day (its own time zone); null: unlimited.</summary>
    public int? DailyCapacity { get; private set; }

    public void SetDailyCapacity(int? capacity)
    {
        if (capacity is < 0) throw new DomainException("invalid_capacity", "A daily capacity cannot be negative.", RefusalKind.Unprocessable);
        DailyCapacity = capacity;
    }

    /// <summary>The location's own calendar day at <paramref name="now"/>: capacity is counted per local day.</summary>
    public LocalDate LocalDay(Instant now) => now.InZone(DateTimeZoneProviders.Tzdb[TimeZoneId]).Date;

    public void Deactivate() => IsActive = false;
    public void Activate() => IsActive = true;
}

/// <summary>Opening hours of one weekday, in the location's own time zone.</summary>
public sealed record OpeningHours(IsoDayOfWeek Day, LocalTime Opens, LocalTime Closes);
