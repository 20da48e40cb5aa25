using HybridOrders.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Locations;

/// <summary>Takes a location out of the virtual stock (closed for refit, say) or brings it back. An inactive location
/// promises nothing: it is left out of availability and refuses new holds; holds already made stay as they are.</summary>
public sealed record SetLocationActive(string Code, bool Active) : ICommand<LocationResponse>;

public sealed class SetLocationActiveHandler(IHybridOrdersDbContext db) : ICommandHandler<SetLocationActive, LocationResponse>
{
    public async ValueTask<LocationResponse> Handle(SetLocationActive command, CancellationToken ct)
    {
        var location = await db.Locations.FirstOrDefaultAsync(l => l.Code == command.Code, ct)
                       ?? throw new NotFoundException("Location", command.Code);
        if (command.Active) location.Activate();
        else location.Deactivate();
        return LocationResponse.From(location);
    }
}
