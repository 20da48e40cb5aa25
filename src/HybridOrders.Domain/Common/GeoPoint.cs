namespace HybridOrders.Domain.Common;

/// <summary>A point on the earth in WGS84 degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusKm = 6371.0088; // mean radius (IUGG)

    public static bool IsValid(double latitude, double longitude) =>
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180
        && !double.IsNaN(latitude) && !double.IsNaN(longitude);

    /// <summary>Great-circle distance in kilometres (haversine formula).</summary>
    public double DistanceKmTo(GeoPoint other) => DistanceKm(this, CosOfLatitude, other, other.CosOfLatitude);

    /// <summary>The cosine of the latitude, which the haversine needs of both points: a caller measuring many points against
    /// one works that one's out once.</summary>
    internal double CosOfLatitude => Math.Cos(Rad(Latitude));

    /// <summary>The haversine with both cosines of latitude given (<see cref="CosOfLatitude"/>); the same figure as
    /// <see cref="DistanceKmTo"/> to the last bit.</summary>
    internal static double DistanceKm(GeoPoint from, double cosFrom, GeoPoint to, double cosTo)
    {
        var sinHalfDLat = Math.Sin(Rad(to.Latitude - from.Latitude) / 2);
        var sinHalfDLon = Math.Sin(Rad(to.Longitude - from.Longitude) / 2);
        var a = sinHalfDLat * sinHalfDLat + cosFrom * cosTo * sinHalfDLon * sinHalfDLon;
        var c = 2 * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
        return EarthRadiusKm * c;
    }

    private static double Rad(double deg) => deg * Math.PI / 180.0;
}
