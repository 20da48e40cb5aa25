using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HybridOrders.Infrastructure.Persistence;

internal static class DbErrors
{
    /// <summary>A unique or primary key was violated, on whichever provider is in use.</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException lite => lite.SqliteErrorCode == 19 && lite.SqliteExtendedErrorCode is 1555 or 2067,
        SqlException sql => sql.Number is 2627 or 2601,
        _ => false,
    };
}
