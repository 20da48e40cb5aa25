using HybridOrders.Application.Common;
using HybridOrders.Application.Orders;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Fulfilments;

/// <summary>A fulfilment's whole routing decision: every candidate considered, where the fulfilment itself shows the chosen
/// locations and the ten nearest others (api.md, "Routing decisions at scale").</summary>
public sealed record GetFulfilmentRouting(Guid Id) : IQuery<RoutingResponse>;

public sealed class GetFulfilmentRoutingHandler(IHybridOrdersDbContext db, ICurrentUser user) : IQueryHandler<GetFulfilmentRouting, RoutingResponse>
{
    /// <summary>The rest kept at an origin after a reject carries its decision over; at most this many such steps are followed.</summary>
    private const int MaxReplacedSteps = 20;

    public async ValueTask<RoutingResponse> Handle(GetFulfilmentRouting query, CancellationToken ct)
    {
        var f = await db.Fulfilments.AsNoTracking().Where(x => x.Id == query.Id)
                    .Select(x => new { x.OriginLocationCode, x.DestinationLocationCode, x.RoutingStrategy, x.Candidates, x.CandidateCount, x.ReplacesFulfilmentId })
                    .FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException("Fulfilment", query.Id.ToString());
        if (user.Role == ApiRole.Pos && f.OriginLocationCode != user.LocationCode && f.DestinationLocationCode != user.LocationCode)
            throw new ForbiddenAccessException($"This POS key is bound to location '{user.LocationCode}', which this fulfilment does not touch.");
        if (f.Candidates.Count >= f.CandidateCount) return new RoutingResponse(f.RoutingStrategy, f.Candidates, f.Candidates.Count);

        // Trimmed: every candidate is in its own row, or in that of the fulfilment whose decision this one carried over.
        var (id, replaces) = (query.Id, f.ReplacesFulfilmentId);
        for (var step = 0; step <= MaxReplacedSteps; step++)
        {
            var full = await db.Fulfilments.AsNoTracking().Where(x => x.Id == id).Select(x => x.FullRouting!.Candidates).FirstOrDefaultAsync(ct);
            if (full is not null) return new RoutingResponse(f.RoutingStrategy, full, full.Count);
            if (replaces is not { } previous) break;
            (id, replaces) = (previous, await db.Fulfilments.AsNoTracking().Where(x => x.Id == previous).Select(x => x.ReplacesFulfilmentId).FirstOrDefaultAsync(ct));
        }
        return new RoutingResponse(f.RoutingStrategy, f.Candidates, f.CandidateCount); // nothing more was kept
    }
}
