using HybridOrders.Domain.Webhooks;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HybridOrders.Infrastructure.Webhooks;

/// <summary>
/// Saves a batch's attempts (the delivery log) with the subscription's progress. On PostgreSQL the rows go in with ONE
/// statement (arrays, <c>unnest ... WITH ORDINALITY</c>, so ids follow the attempts' order) in the same transaction as the
/// subscription's UPDATE, instead of one change-tracked entity and one INSERT per attempt; elsewhere through the change
/// tracker. Either way the saved rows are no longer tracked, so a long run under one lease does not make every later save
/// scan them again. Blocking: called on the dispatcher's delivery thread.
/// </summary>
internal static class WebhookDeliveryLog
{
    /// <summary>The columns the statement writes (all but the identity); checked once against the EF model, so that a column
    /// added to the table cannot be silently left out.</summary>
    private static readonly string[] Columns = ["Id", "SubscriptionId", "EventId", "Type", "Attempt", "StatusCode", "Error", "At", "DurationMs"];

    private static volatile bool _columnsChecked;

    private const string InsertSql = """
        INSERT INTO "WebhookDeliveries" ("SubscriptionId", "EventId", "Type", "Attempt", "StatusCode", "Error", "At", "DurationMs")
        SELECT @sub, x.e, x.t, x.a, x.c, x.err, x.at, x.d
        FROM unnest(@e, @t, @a, @c, @err, @at, @d) WITH ORDINALITY AS x(e, t, a, c, err, at, d, i)
        ORDER BY x.i
        """;

    /// <summary>Saves <paramref name="attempts"/> and the tracked changes (the subscription) together, then forgets the
    /// attempts. Throws <see cref="DbUpdateException"/> when the subscription's UPDATE found no row with our lease.</summary>
    public static void Save(HybridOrdersDbContext db, Guid subscriptionId, List<WebhookDelivery> attempts)
    {
        if (attempts.Count == 0)
        {
            db.SaveChanges();
            return;
        }
        if (!db.Database.IsNpgsql())
        {
            db.WebhookDeliveries.AddRange(attempts);
            db.SaveChanges();
            foreach (var attempt in attempts) db.Entry(attempt).State = EntityState.Detached;
            attempts.Clear();
            return;
        }
        EnsureColumnsMatchModel(db);
        using (var tx = db.Database.BeginTransaction())
        {
            using (var command = new NpgsqlCommand(InsertSql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction()))
            {
                var p = command.Parameters;
                p.Add(new NpgsqlParameter<Guid>("sub", NpgsqlDbType.Uuid) { TypedValue = subscriptionId });
                p.Add(new NpgsqlParameter<long[]>("e", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = attempts.Select(a => a.EventId).ToArray() });
                p.Add(new NpgsqlParameter<string[]>("t", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = attempts.Select(a => a.Type).ToArray() });
                p.Add(new NpgsqlParameter<int[]>("a", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = attempts.Select(a => a.Attempt).ToArray() });
                p.Add(new NpgsqlParameter<int?[]>("c", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = attempts.Select(a => a.StatusCode).ToArray() });
                p.Add(new NpgsqlParameter<string?[]>("err", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = attempts.Select(a => a.Error).ToArray() });
                p.Add(new NpgsqlParameter<NodaTime.Instant[]>("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = attempts.Select(a => a.At).ToArray() });
                p.Add(new NpgsqlParameter<int[]>("d", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = attempts.Select(a => a.DurationMs).ToArray() });
                command.ExecuteNonQuery();
            }
            db.SaveChanges(); // the subscription's UPDATE, guarded by the lease owner
            tx.Commit();
        }
        attempts.Clear();
    }

    private static void EnsureColumnsMatchModel(HybridOrdersDbContext db)
    {
        if (_columnsChecked) return;
        WrittenColumns.Check(db.Model, "WebhookDeliveries", Columns, "The delivery-log statement (WebhookDeliveryLog.cs)");
        _columnsChecked = true;
    }
}
