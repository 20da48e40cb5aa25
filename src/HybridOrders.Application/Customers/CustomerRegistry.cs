using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Customers;
using HybridOrders.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HybridOrders.Application.Customers;

/// <summary>
/// The one place where customers are matched. Every order and hold joins the record that has any of its identifiers
/// (explicit id, email case-insensitive, phone by its digits) and gives that record the identifiers it did not have;
/// when its identifiers belong to two records, they merge into the older one and every earlier key finds the merged one.
/// Identifiers are unique in the database; a claim that a concurrent transaction won is resolved without an error
/// (<see cref="ICustomerClaims"/>), so two racing orders with one new email make one customer.
/// </summary>
public sealed class CustomerRegistry(IHybridOrdersDbContext db, ICustomerClaims claims, IClock clock)
{
    /// <summary>Records an order or hold for the customer it names and returns the customer's registry id.</summary>
    public async Task<string> RecordAsync(CustomerRef customer, SalesChannel channel, CustomerActivity activity, Guid subjectId, CancellationToken ct)
    {
        var keys = CustomerKeys.Of(customer);
        var known = await OwnersAsync(keys, ct);
        var owners = known.Values.ToHashSet(StringComparer.Ordinal);
        string? fresh = null;
        var target = owners.Order(StringComparer.Ordinal).FirstOrDefault();
        if (target is null)
        {
            fresh = target = Customer.NewId();
            await claims.InsertCustomerAsync(fresh, ct);
        }
        foreach (var key in keys.Where(k => !known.ContainsKey((k.Kind, k.Value))))
            owners.Add(await claims.ClaimAsync(key.Kind, key.Value, key.Display, target, ct));
        if (fresh is not null && owners.Count > 1) owners.Remove(fresh); // lost every race it was in: join the winners

        var survivor = owners.Count == 0 ? target : owners.Order(StringComparer.Ordinal).First();
        var losers = owners.Where(o => o != survivor).Append(fresh).OfType<string>().Where(o => o != survivor).Distinct().ToList();
        if (losers.Count > 0) await MergeAsync(survivor, losers, ct);

        db.CustomerLinks.Add(new CustomerLink(activity, subjectId, survivor, channel, customer.Name, clock.GetCurrentInstant()));
        return survivor;
    }

    /// <summary>The live record a key names (a registry id, an explicit id, an email or a phone), and what it matched, or null.</summary>
    public async Task<(string CustomerId, string MatchedBy)?> FindAsync(string key, CancellationToken ct)
    {
        var trimmed = key.Trim();
        if (trimmed.StartsWith("cus_", StringComparison.Ordinal) && await LiveAsync(trimmed, ct) is { } live) return (live, "customer");
        foreach (var (kind, value) in Candidates(trimmed))
        {
            var owner = await db.CustomerIdentifiers.AsNoTracking().Where(i => i.Kind == kind && i.Value == value).Select(i => i.CustomerId).FirstOrDefaultAsync(ct);
            if (owner is not null) return (await LiveAsync(owner, ct) ?? owner, kind.ToString().ToLowerInvariant());
        }
        return null;
    }

    /// <summary>Orders of the customer a key names (none when it names nobody).</summary>
    public async Task<IQueryable<Order>> FilterOrdersAsync(IQueryable<Order> orders, string key, CancellationToken ct)
    {
        var found = await FindAsync(key, ct);
        if (found is not { } customer) return orders.Where(o => false);
        var id = customer.CustomerId;
        var links = db.CustomerLinks.Where(l => l.Activity == CustomerActivity.Order && l.CustomerId == id);
        return orders.Where(o => links.Any(l => l.SubjectId == o.Id));
    }

    private static IEnumerable<(IdentifierKind, string)> Candidates(string key)
    {
        yield return (IdentifierKind.Id, key);
        if (key.Contains('@')) yield return (IdentifierKind.Email, CustomerKeys.NormalizeEmail(key));
        var digits = CustomerKeys.NormalizePhone(key);
        if (digits.Length >= 3 && key.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')) yield return (IdentifierKind.Phone, digits);
    }

    private async Task<Dictionary<(IdentifierKind, string), string>> OwnersAsync(IReadOnlyList<(IdentifierKind Kind, string Value, string Display)> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        var values = keys.Select(k => k.Value).Distinct().ToList();
        var rows = await db.CustomerIdentifiers.AsNoTracking().Where(i => values.Contains(i.Value)).Select(i => new { i.Kind, i.Value, i.CustomerId }).ToListAsync(ct);
        return rows.Where(r => keys.Any(k => k.Kind == r.Kind && k.Value == r.Value)).ToDictionary(r => (r.Kind, r.Value), r => r.CustomerId);
    }

    /// <summary>Follows merges to the record a (possibly merged) registry id is now part of.</summary>
    private async Task<string?> LiveAsync(string id, CancellationToken ct)
    {
        for (var hop = 0; hop < 16; hop++)
        {
            var row = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Id, c.MergedIntoId }).FirstOrDefaultAsync(ct);
            if (row is null) return null;
            if (row.MergedIntoId is null) return row.Id;
            id = row.MergedIntoId;
        }
        return id;
    }

    /// <summary>Moves the losers' identifiers and links to the survivor; the losers (and whatever was merged into them) point at it.</summary>
    private async Task MergeAsync(string survivor, IReadOnlyList<string> losers, CancellationToken ct)
    {
        await db.CustomerIdentifiers.Where(i => losers.Contains(i.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(i => i.CustomerId, survivor), ct);
        await db.CustomerLinks.Where(l => losers.Contains(l.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(l => l.CustomerId, survivor), ct);
        await db.Customers.Where(c => losers.Contains(c.Id) || (c.MergedIntoId != null && losers.Contains(c.MergedIntoId)))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.MergedIntoId, survivor), ct);
    }
}
