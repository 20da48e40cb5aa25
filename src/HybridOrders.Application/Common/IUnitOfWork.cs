namespace HybridOrders.Application.Common;

/// <summary>Runs work in one database transaction, saving tracked changes before commit.
/// Joins a transaction that is already open on this scope instead of nesting.</summary>
public interface IUnitOfWork
{
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct) => InTransactionAsync(work, onDemand: false, ct);

    /// <param name="onDemand">Begin no transaction up front: the work begins one with <see cref="BeginAsync"/> as soon as it
    /// needs more than one self-committing statement (<see cref="ITransactionOnDemand"/>). Tracked changes are saved either way:
    /// inside the transaction when one was begun, else by one SaveChanges, which is atomic by itself.</param>
    Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, bool onDemand, CancellationToken ct);

    /// <summary>Begins the unit's transaction now, unless one is open already (begun up front, by an earlier call, or by the
    /// idempotency store around the request).</summary>
    Task BeginAsync(CancellationToken ct);
}

/// <summary>
/// A command whose common case is ONE statement that commits by itself (a hold of a returning customer on PostgreSQL): its
/// handler runs that statement outside any transaction, saving the BEGIN and COMMIT round trip and holding the stock line's
/// lock only for the statement, and calls <see cref="IUnitOfWork.BeginAsync"/> before anything else it writes or reads for
/// a decision. Everything else about the unit of work (retries, saving tracked changes, joining the idempotency store's
/// transaction) stays as for any command. ADR 0013.
/// </summary>
public interface ITransactionOnDemand;
