namespace HybridOrders.Application.Common;

/// <summary>Runs work in one database transaction, saving tracked changes before commit.
/// Joins a transaction that is already open on this scope instead of nesting.</summary>
public interface IUnitOfWork
{
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct);
}
