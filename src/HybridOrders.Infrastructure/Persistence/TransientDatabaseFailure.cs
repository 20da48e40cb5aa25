using System.Data.Common;

namespace HybridOrders.Infrastructure.Persistence;

/// <summary>
/// A database failure that is not the request's fault and may well pass: a command or a wait for a pooled connection timed
/// out, the server refused a connection (too many connections, starting up, shutting down) or the connection broke. The
/// transaction did not commit, so the client may send the request again: it becomes a 503 <c>try_again</c> with
/// <c>Retry-After</c>, not a 500. Not retried in the service: under overload a retry only adds load (deadlock and
/// serialization victims are retried, by <see cref="TransactionRetry"/>).
/// </summary>
public static class TransientDatabaseFailure
{
    /// <summary>What kind of failure it is (for the problem's detail and the log), or null when it is not such a failure.</summary>
    public static string? Describe(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case DbException { IsTransient: true } db when db.InnerException is TimeoutException:
                    return "a database timeout";
                case DbException { IsTransient: true }:
                    return "a database connection failure";
            }
        }
        return null;
    }
}
