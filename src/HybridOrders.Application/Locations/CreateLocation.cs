using FluentValidation;
using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Locations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Locations;

public sealed record CreateLocation(
    string? Code,
    string? Name,
    LocationKind? Kind,
    double? Latitude,
    double? Longitude,
    string? TimeZone,
    bool? PickupEnabled,
    bool? ShipFromEnabled,
    IReadOnlyList<OpeningHoursDto?>? OpeningHours,
    int? DailyCapacity = null) : ICommand<LocationResponse>;

public sealed class CreateLocationValidator : AbstractValidator<CreateLocation>
{
    public CreateLocationValidator(IDateTimeZoneProvider zones)
    {
        RuleFor(x => x.Code).IsCode();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.Latitude).NotNull().InclusiveBetween(-90, 90);
        RuleFor(x => x.Longitude).NotNull().InclusiveBetween(-180, 180);
        RuleFor(x => x.TimeZone).NotEmpty()
            .Must(tz => zones.GetZoneOrNull(tz!) is not null).WithMessage("'{PropertyValue}' is not an IANA time zone id.");
        RuleFor(x => x.PickupEnabled).NotNull();
        RuleFor(x => x.DailyCapacity).GreaterThanOrEqualTo(0);
        RuleFor(x => x.ShipFromEnabled).NotNull();
        RuleFor(x => x.OpeningHours)
            .Must(h => h!.Where(d => d is not null).GroupBy(d => d!.Day).All(g => g.Count() == 1))
            .When(x => x.OpeningHours is not null)
            .WithMessage("Each day may appear at most once.");
        RuleForEach(x => x.OpeningHours).Cascade(CascadeMode.Continue).NotNull().ChildRules(day =>
        {
            day.RuleFor(d => d!.Day).Must(d => OpeningHoursFormat.TryParseDay(d, out _))
                .WithMessage("'day' must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday.");
            day.RuleFor(d => d!.Opens).Must(t => OpeningHoursFormat.TryParseTime(t, out _)).WithMessage("'opens' must be a time HH:mm.");
            day.RuleFor(d => d!.Closes).Must(t => OpeningHoursFormat.TryParseTime(t, out _)).WithMessage("'closes' must be a time HH:mm.");
            day.RuleFor(d => d).Must(d => OpeningHoursFormat.TryParseTime(d!.Opens, out var o)
                                           && OpeningHoursFormat.TryParseTime(d.Closes, out var c) && c > o)
                .WithName("closes").WithMessage("'closes' must be later than 'opens' on the same day.")
                .When(d => OpeningHoursFormat.TryParseTime(d!.Opens, out _) && OpeningHoursFormat.TryParseTime(d!.Closes, out _));
        });
    }
}

public sealed class CreateLocationHandler(IHybridOrdersDbContext db, IClock clock, IDateTimeZoneProvider zones)
    : ICommandHandler<CreateLocation, LocationResponse>
{
    public async ValueTask<LocationResponse> Handle(CreateLocation command, CancellationToken ct)
    {
        if (await db.Locations.AnyAsync(l => l.Code == command.Code, ct))
            throw new DomainException("location_exists", $"A location with code '{command.Code}' already exists.");

        var hours = (command.OpeningHours ?? []).Select(h =>
        {
            OpeningHoursFormat.TryParseDay(h!.Day, out var day);
            OpeningHoursFormat.TryParseTime(h.Opens, out var opens);
            OpeningHoursFormat.TryParseTime(h.Closes, out var closes);
            return new OpeningHours(day, opens, closes);
        });
        var location = new Location(command.Code!, command.Name!.Trim(), command.Kind!.Value,
            new GeoPoint(command.Latitude!.Value, command.Longitude!.Value), zones[command.TimeZone!],
            command.PickupEnabled!.Value, command.ShipFromEnabled!.Value, hours, clock.GetCurrentInstant());
        location.SetDailyCapacity(command.DailyCapacity);
        db.Locations.Add(location);
        return LocationResponse.From(location);
    }
}
