using HybridOrders.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Application.Common;

/// <summary>Saving an aggregate's transition so that of two racing changes only one wins: the aggregate's version is the
/// concurrency token, the loser's UPDATE matches no row, and it is refused with a code (409) before any stock moves.</summary>
public static class GuardedSave
{
    public static async Task SaveOrRefuseAsync(this IHybridOrdersDbContext db, string code, string message, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(code, message);
        }
    }
}
