using HybridOrders.Domain.Customers;

namespace HybridOrders.Application.Common;

/// <summary>
/// Inserts into the customer registry that must not abort the transaction when a concurrent one got there first
/// (provider-specific SQL in Infrastructure: <c>INSERT … ON CONFLICT DO NOTHING</c> on PostgreSQL and SQLite, a locked
/// <c>IF NOT EXISTS</c> on SQL Server). Runs in the caller's transaction.
/// </summary>
public interface ICustomerClaims
{
    Task InsertCustomerAsync(string customerId, CancellationToken ct);

    /// <summary>Gives the identifier to <paramref name="customerId"/> unless it already belongs to someone; returns its owner
    /// (after waiting for a concurrent claimant to commit, on PostgreSQL and SQL Server).</summary>
    Task<string> ClaimAsync(IdentifierKind kind, string value, string display, string customerId, CancellationToken ct);

    /// <summary>Locks one customer row until the transaction ends against other mergers (<c>FOR NO KEY UPDATE</c>: it does not wait for orders merely linking to it; SQL Server <c>UPDLOCK, HOLDLOCK</c>; SQLite has
    /// one writer at a time anyway), waiting for a concurrent merge of it to commit.</summary>
    Task LockCustomerAsync(string customerId, CancellationToken ct);

    /// <summary>Takes the one registry-wide merge lock until the transaction ends (PostgreSQL: a transaction-level advisory
    /// lock; SQL Server: an application lock owned by the transaction; SQLite has one writer at a time anyway), so that merges
    /// run one after another: they discover the records they lock as they go, and two of them could otherwise each hold a
    /// record the other needs (a deadlock, retried, and under a burst of merges retried until it gives up). Only transactions
    /// that merge take it, after their stock; holding it, a merge waits for nothing but customer rows no one else locks.</summary>
    Task SerializeMergesAsync(CancellationToken ct);
}
