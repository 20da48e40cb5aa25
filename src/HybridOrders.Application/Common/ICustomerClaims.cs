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
}
