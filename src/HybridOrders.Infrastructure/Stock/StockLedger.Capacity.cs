using HybridOrders.Application.Common;
using HybridOrders.Domain.Locations;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HybridOrders.Infrastructure.Stock;

internal sealed partial class StockLedger
{
    /// <summary>Takes the batch's capacity slots, location by location, before any stock line: one conditional increment per
    /// location and day (<c>Used + n &lt;= DailyCapacity</c>, read from the location in the same statement, so a capacity changed
    /// meanwhile counts). Returns the locations that had no slot left; then the caller's savepoint undoes what was taken.</summary>
    private async Task<IReadOnlyList<string>> TakeCapacityAsync(StockMoves moves, CancellationToken ct)
    {
        var full = new List<string>();
        foreach (var (location, day, slots) in moves.CapacityInLockOrder())
        {
            var key = CapacityDay.Key(day);
            await EnsureCapacityDayAsync(location, key, day, ct);
            var updated = await db.CapacityDays.Where(c => c.LocationCode == location && c.Day == key)
                .Where(c => db.Locations.Any(l => l.Code == c.LocationCode && (l.DailyCapacity == null || c.Used + slots <= l.DailyCapacity)))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, c => c.Used + slots), ct);
            if (updated == 0)
            {
                full.Add(location);
                break; // the batch has failed; nothing more is locked
            }
        }
        return full;
    }

    /// <summary>Creates the day's counter at zero if there is none; a concurrent insert of the same key loses on the primary key.</summary>
    private async Task EnsureCapacityDayAsync(string location, string key, NodaTime.LocalDate day, CancellationToken ct)
    {
        if (await db.CapacityDays.AnyAsync(c => c.LocationCode == location && c.Day == key, ct)) return;
        var row = new CapacityDay(location, day);
        db.CapacityDays.Add(row);
        var tx = db.Database.CurrentTransaction;
        const string savepoint = "ensure_capacity_day";
        if (tx is not null) await tx.CreateSavepointAsync(savepoint, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            if (tx is not null) await tx.RollbackToSavepointAsync(savepoint, ct);
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }
}
