using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace HybridOrders.Application.Locations;

/// <summary>A location's daily capacity and how much of it is taken today, its own day in its own time zone.</summary>
public sealed record CapacityResponse(string LocationCode, int? DailyCapacity, int UsedToday, string LocalDate);

/// <summary>How many delivery and transfer fulfilments a location has taken on today.</summary>
public sealed record GetLocationCapacity(string Code) : IQuery<CapacityResponse>;

public sealed class GetLocationCapacityHandler(IHybridOrdersDbContext db, IClock clock) : IQueryHandler<GetLocationCapacity, CapacityResponse>
{
    public async ValueTask<CapacityResponse> Handle(GetLocationCapacity query, CancellationToken ct) =>
        await LocationCapacity.ReadAsync(db, query.Code, clock.GetCurrentInstant(), ct);
}

/// <summary>Sets (or with null lifts) the fulfilments a location takes on per local day. Lowering it below what is already
/// taken today keeps those, and refuses more.</summary>
public sealed record SetLocationCapacity(string Code, int? DailyCapacity) : ICommand<CapacityResponse>;

public sealed class SetLocationCapacityValidator : AbstractValidator<SetLocationCapacity>
{
    public SetLocationCapacityValidator() => RuleFor(x => x.DailyCapacity).GreaterThanOrEqualTo(0);
}

public sealed class SetLocationCapacityHandler(IHybridOrdersDbContext db, IClock clock) : ICommandHandler<SetLocationCapacity, CapacityResponse>
{
    public async ValueTask<CapacityResponse> Handle(SetLocationCapacity command, CancellationToken ct)
    {
        var location = await db.Locations.FirstOrDefaultAsync(l => l.Code == command.Code, ct) ?? throw new NotFoundException("Location", command.Code);
        location.SetDailyCapacity(command.DailyCapacity);
        await db.SaveChangesAsync(ct);
        return await LocationCapacity.ReadAsync(db, command.Code, clock.GetCurrentInstant(), ct);
    }
}

internal static class LocationCapacity
{
    public static async Task<CapacityResponse> ReadAsync(IHybridOrdersDbContext db, string code, Instant now, CancellationToken ct)
    {
        var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Code == code, ct) ?? throw new NotFoundException("Location", code);
        var day = Domain.Locations.CapacityDay.Key(location.LocalDay(now));
        var used = await db.CapacityDays.AsNoTracking().Where(c => c.LocationCode == code && c.Day == day).Select(c => (int?)c.Used).FirstOrDefaultAsync(ct);
        return new CapacityResponse(code, location.DailyCapacity, used ?? 0, day);
    }
}
