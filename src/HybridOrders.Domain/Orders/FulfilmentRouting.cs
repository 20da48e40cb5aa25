using HybridOrders.Domain.Routing;

namespace HybridOrders.Domain.Orders;

/// <summary>
/// Every candidate of a fulfilment's routing decision, kept apart from the fulfilment when its own
/// <see cref="Fulfilment.Candidates"/> were trimmed to the chosen locations and the ten nearest others (api.md, "Routing decisions
/// at scale"). Written once with the fulfilment, read only by <c>GET /fulfilments/{id}/routing</c>.
/// </summary>
public sealed class FulfilmentRouting
{
    private FulfilmentRouting() { } // EF Core

    internal FulfilmentRouting(Guid fulfilmentId, IReadOnlyList<CandidateDecision> candidates)
    {
        FulfilmentId = fulfilmentId;
        Candidates = candidates;
    }

    public Guid FulfilmentId { get; private set; }
    public IReadOnlyList<CandidateDecision> Candidates { get; private set; } = [];

    /// <summary>The chosen locations and the <paramref name="others"/> nearest other candidates, in the decision's order (nearest first).</summary>
    public static IReadOnlyList<CandidateDecision> Trim(IReadOnlyList<CandidateDecision> candidates, int others = Fulfilment.NearestOthersKept)
    {
        var kept = new List<CandidateDecision>(Math.Min(candidates.Count, others + 4));
        var left = others;
        foreach (var c in candidates)
        {
            if (c.Chosen) kept.Add(c);
            else if (left > 0)
            {
                kept.Add(c);
                left--;
            }
        }
        return kept;
    }
}
