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
/// <para>The one shortcut: on single PostgreSQL a new hold whose identifiers all belong to one live record is linked to it
/// by the hold's own statement (<see cref="IStockLedger.HoldAsync"/>), the case where <see cref="RecordAsync"/> would only
/// add the link; every other hold comes here.</para>
/// </summary>
public sealed class CustomerRegistry(IHybridOrdersDbContext db, ICustomerClaims claims, IClock clock)
{
    /// <summary>Records an order or hold for the customer it names and returns the customer's registry id.</summary>
    public async Task<string> RecordAsync(CustomerRef customer, SalesChannel channel, CustomerActivity activity, Guid subjectId, CancellationToken ct)
    {
        var keys = CustomerKeys.Of(customer);
        var known = await OwnersAsync(keys, ct);
        // An identifier may still sit on a record that a concurrent order merged away: follow it to the live one.
        var owners = new HashSet<string>(StringComparer.Ordinal);
        foreach (var owner in known.Values.Distinct())
            owners.Add(owner.MergedIntoId is null ? owner.CustomerId : await LiveAsync(owner.MergedIntoId, ct) ?? owner.MergedIntoId);
        string? fresh = null;
        var target = owners.Order(StringComparer.Ordinal).FirstOrDefault();
        if (target is null)
        {
            fresh = target = Customer.NewId();
            await claims.InsertCustomerAsync(fresh, ct);
        }
        foreach (var key in keys.Where(k => !known.ContainsKey((k.Kind, k.Value))))
        {
            var owner = await claims.ClaimAsync(key.Kind, key.Value, key.Display, target, ct);
            owners.Add(owner == target ? owner : await LiveAsync(owner, ct) ?? owner);
        }
        // Every record involved (a fresh one that lost its claims included) becomes one: the oldest survives.
        owners.Add(target);
        if (owners.Count > 1) await claims.SerializeMergesAsync(ct); // one merge at a time (see there)
        var live = owners.Count > 1 ? await LockLiveAsync(owners, ct) : owners;
        var survivor = live.Order(StringComparer.Ordinal).First();
        var losers = live.Where(o => o != survivor).ToList();
        if (losers.Count > 0) await MergeAsync(survivor, losers, ct);

        db.CustomerLinks.Add(new CustomerLink(activity, subjectId, survivor, channel, customer.Name, clock.GetCurrentInstant()));
        return survivor;
    }

    /// <summary>Records the till sale of a hold (<c>POST /reservations/{id}/fulfil</c>) against the record the hold joined, so
    /// that even a hold that named its customer only by name has its sale on the same record.</summary>
    public async Task<string> RecordSaleOfHoldAsync(Guid reservationId, CustomerRef customer, SalesChannel channel, Guid orderId, CancellationToken ct)
    {
        var held = await db.CustomerLinks.AsNoTracking().Where(l => l.Activity == CustomerActivity.Reservation && l.SubjectId == reservationId)
            .Select(l => l.CustomerId).FirstOrDefaultAsync(ct);
        if (held is null) return await RecordAsync(customer, channel, CustomerActivity.Order, orderId, ct); // a hold older than the registry
        var live = await LiveAsync(held, ct) ?? held;
        db.CustomerLinks.Add(new CustomerLink(CustomerActivity.Order, orderId, live, channel, customer.Name, clock.GetCurrentInstant()));
        return live;
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
        var members = await MembersAsync(customer.CustomerId, ct);
        // The ids first, then the orders by id: the registry and the orders may live apart (on Citus the registry stays on the
        // coordinator and the orders are sharded by id, which a list of ids prunes to their shards; a correlated subquery from a
        // sharded table into a local one cannot be planned there).
        var ids = await db.CustomerLinks.AsNoTracking().Where(l => l.Activity == CustomerActivity.Order && members.Contains(l.CustomerId))
            .Select(l => l.SubjectId).ToListAsync(ct);
        return orders.Where(o => ids.Contains(o.Id));
    }

    private static IEnumerable<(IdentifierKind, string)> Candidates(string key)
    {
        yield return (IdentifierKind.Id, key);
        if (key.Contains('@')) yield return (IdentifierKind.Email, CustomerKeys.NormalizeEmail(key));
        var digits = CustomerKeys.NormalizePhone(key);
        if (digits.Length >= 3 && key.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')) yield return (IdentifierKind.Phone, digits);
    }

    private readonly record struct Owner(string CustomerId, string? MergedIntoId);

    /// <summary>The record each known identifier belongs to, and whether that record was merged away: one query (a returning
    /// customer's owner is live, and nothing more needs reading).</summary>
    private async Task<Dictionary<(IdentifierKind, string), Owner>> OwnersAsync(IReadOnlyList<(IdentifierKind Kind, string Value, string Display)> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        var values = keys.Select(k => k.Value).Distinct().ToList();
        var (query, context) = OwnersQuery.For(db);
        var owners = new Dictionary<(IdentifierKind, string), Owner>();
        await foreach (var r in query(context, values).WithCancellation(ct))
            if (keys.Any(k => k.Kind == r.Kind && k.Value == r.Value)) owners[(r.Kind, r.Value)] = new Owner(r.CustomerId, r.MergedIntoId);
        return owners;
    }

    private sealed record OwnerRow(IdentifierKind Kind, string Value, string CustomerId, string? MergedIntoId);

    /// <summary>The identifiers with any of the values and their records (every order and new customer's hold asks: compiled once).</summary>
    private static readonly PerModelQuery<Func<DbContext, List<string>, IAsyncEnumerable<OwnerRow>>> OwnersQuery = new(() =>
        EF.CompileAsyncQuery((DbContext db, List<string> values) =>
            from i in db.Set<CustomerIdentifier>()
            join c in db.Set<Customer>() on i.CustomerId equals c.Id
            where values.Contains(i.Value)
            select new OwnerRow(i.Kind, i.Value, i.CustomerId, c.MergedIntoId)));

    /// <summary>Locks the records about to be merged (one at a time, ordinal order) and follows any that a concurrent order merged
    /// away meanwhile to its live record, until every locked record is live. Without the lock two orders could each merge the same
    /// record into a different survivor, and one of them would be lost. Merges run one at a time (the caller took
    /// <see cref="ICustomerClaims.SerializeMergesAsync"/>), so lockers that discover their records as they go cannot deadlock.</summary>
    private async Task<HashSet<string>> LockLiveAsync(HashSet<string> ids, CancellationToken ct)
    {
        var locked = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < 16; round++)
        {
            foreach (var id in ids.Where(i => !locked.Contains(i)).Order(StringComparer.Ordinal))
            {
                await claims.LockCustomerAsync(id, ct);
                locked.Add(id);
            }
            var moved = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id) && c.MergedIntoId != null).Select(c => c.Id).ToListAsync(ct);
            if (moved.Count == 0) return ids;
            var next = new HashSet<string>(ids.Except(moved), StringComparer.Ordinal);
            foreach (var id in moved) next.Add(await LiveAsync(id, ct) ?? id);
            ids = next;
        }
        throw new TryAgainException("The customer's records kept being merged by concurrent orders; nothing was changed. Send it again.", TimeSpan.FromSeconds(1));
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

    /// <summary>A live record and every record merged into it, directly or through another. A merge moves the losers' identifiers
    /// and links, but an order committing while it ran may still have written to a loser: reads take all of them together.</summary>
    public async Task<IReadOnlyList<string>> MembersAsync(string liveId, CancellationToken ct)
    {
        var members = new List<string> { liveId };
        var frontier = members.ToList();
        for (var hop = 0; hop < 16 && frontier.Count > 0; hop++)
        {
            var next = await db.Customers.AsNoTracking().Where(c => c.MergedIntoId != null && frontier.Contains(c.MergedIntoId)).Select(c => c.Id).ToListAsync(ct);
            frontier = next.Where(id => !members.Contains(id)).ToList();
            members.AddRange(frontier);
        }
        return members;
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
