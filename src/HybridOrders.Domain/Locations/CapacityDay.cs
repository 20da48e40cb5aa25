using NodaTime;
using NodaTime.Text;

namespace HybridOrders.Domain.Locations;

/// <summary>How many fulfilments a location has taken on for one of its local days. Changed only by the stock ledger's
/// conditional increment (<c>Used &lt; DailyCapacity</c>), in the same transaction as the stock those fulfilments hold.</summary>
public sealed class CapacityDay
{
    private static readonly LocalDatePattern Pattern = LocalDatePattern.Iso;

    private CapacityDay() { } // EF Core

    public CapacityDay(string locationCode, LocalDate day)
    {
        LocationCode = locationCode;
        Day = Key(day);
    }

    public string LocationCode { get; private set; } = null!;

    /// <summary>The local date as ISO text (yyyy-MM-dd): portable over the three providers and sortable.</summary>
    public string Day { get; private set; } = null!;

    public int Used { get; private set; }

    public static string Key(LocalDate day) => Pattern.Format(day);
}
