using System.Diagnostics;
using HybridOrders.Application.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HybridOrders.Infrastructure.Persistence;

/// <summary>
/// Runs a whole transaction again when the database picked it as the victim of a deadlock (PostgreSQL 40P01, SQL Server
/// 1205) or of a serialization conflict (40001): each attempt starts a new transaction after the previous one was rolled
/// back whole and the change tracker cleared, so nothing is applied twice. Back-off grows and is jittered so that the
/// parties of a cycle do not meet again at once. When every attempt fails: <see cref="TryAgainException"/> (503).
/// With one global lock order for stock lines, deadlocks should not happen at all; the counter
/// <c>hybridorders.db.transaction_retries</c> and the Warning log make any that do visible.
/// </summary>
internal sealed class TransactionRetry(IOptions<TransactionRetryOptions> options, ILogger<TransactionRetry> logger)
{
    /// <param name="attempt">One attempt: begins, works and commits its own transaction.</param>
    /// <param name="rollBack">Puts everything back after a failed attempt (roll back, clear the change tracker).</param>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, Func<Task> rollBack, CancellationToken ct)
    {
        var max = Math.Max(1, options.Value.MaxAttempts);
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(ct);
            }
            catch (Exception ex) when (Reason(ex) is { } reason)
            {
                await rollBack();
                if (number >= max)
                {
                    logger.LogWarning("Giving up after {Attempts} attempts on {Reason}; trace {TraceId}", number, reason, Activity.Current?.TraceId.ToString());
                    throw new TryAgainException($"The database was too busy to complete this request ({reason}); nothing was changed. Send it again.",
                        TimeSpan.FromSeconds(1), ex);
                }
                HybridOrdersMetrics.TransactionRetried(reason);
                logger.LogWarning("Retrying transaction after {Reason} (attempt {Attempt} of {MaxAttempts}); trace {TraceId}",
                    reason, number + 1, max, Activity.Current?.TraceId.ToString());
                var delay = options.Value.BaseDelayMs * (1 << Math.Min(number - 1, 6));
                await Task.Delay(TimeSpan.FromMilliseconds(delay / 2.0 + Random.Shared.NextDouble() * delay), ct);
            }
        }
    }

    /// <summary>"deadlock" or "serialization_failure" when the exception (or one it wraps) is such a victim, else null.</summary>
    public static string? Reason(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected }:
                case SqlException { Number: 1205 }:
                    return "deadlock";
                case PostgresException { SqlState: PostgresErrorCodes.SerializationFailure }:
                    return "serialization_failure";
            }
        }
        return null;
    }
}

public sealed class TransactionRetryOptions
{
    public const string Section = "Database:Retry";

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first back-off (jittered between half and one and a half of it), doubling per attempt.</summary>
    public int BaseDelayMs { get; set; } = 20;
}
