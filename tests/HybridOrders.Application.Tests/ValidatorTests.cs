using HybridOrders.Application;
using HybridOrders.Application.Common;
using HybridOrders.Application.Locations;
using HybridOrders.Application.Customers;
using HybridOrders.Application.Reservations;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Locations;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HybridOrders.Application.Tests;

/// <summary>The validators on their own (the API tests check the same rules through HTTP).</summary>
public class ValidatorTests
{
    static ValidatorTests() => new ServiceCollection().AddApplication(); // global FluentValidation settings

    private static readonly CreateLocationValidator Locations = new(DateTimeZoneProviders.Tzdb);
    private static readonly HoldStockValidator Holds = new();

    private static CreateLocation Location(string? timeZone = "Europe/Berlin", params OpeningHoursDto?[] hours) =>
        new("BER-1", "Store", LocationKind.Store, 52.5, 13.4, timeZone, true, true, hours);

    [Fact]
    public void A_complete_location_is_valid() =>
        Locations.Validate(Location(hours: new OpeningHoursDto("monday", "09:00", "20:00"))).IsValid.ShouldBeTrue();

    [Theory]
    [InlineData("Europe/Atlantis")]
    [InlineData("")]
    [InlineData(null)]
    public void Time_zone_must_be_an_iana_id(string? timeZone) =>
        Locations.Validate(Location(timeZone)).Errors.ShouldContain(e => e.PropertyName == "TimeZone");

    [Fact]
    public void Closing_before_opening_is_refused() =>
        Locations.Validate(Location(hours: new OpeningHoursDto("monday", "20:00", "09:00"))).IsValid.ShouldBeFalse();

    [Fact]
    public void A_day_twice_is_refused() =>
        Locations.Validate(Location(hours: [new OpeningHoursDto("monday", "09:00", "12:00"), new OpeningHoursDto("monday", "13:00", "18:00")]))
            .Errors.ShouldContain(e => e.PropertyName == "OpeningHours");

    [Fact]
    public void A_hold_reports_every_broken_field_once()
    {
        var result = Holds.Validate(new HoldStock("", null, new CustomerDto(null, "not-an-email", null, null),
            [new QuantityLine("ok", 0), null], 0));
        result.Errors.Select(e => e.PropertyName).ShouldBe(
            ["LocationCode", "Channel", "Customer.Email", "Lines[0].Quantity", "Lines[1]", "HoldMinutes"], ignoreOrder: true);
    }

    [Fact]
    public void A_customer_needs_something_to_recognise_them_by() =>
        Holds.Validate(new HoldStock("S", SalesChannel.Web, new CustomerDto(" ", null, null, null), [new QuantityLine("A", 1)], null))
            .IsValid.ShouldBeFalse();

    [Fact]
    public void Cursors_round_trip_and_garbage_is_refused()
    {
        Paging.TryDecode(Paging.Encode("SKU-42"), out var key).ShouldBeTrue();
        key.ShouldBe("SKU-42");
        Paging.TryDecode("***", out _).ShouldBeFalse();
    }
}
