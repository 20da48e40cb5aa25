using HybridOrders.Domain.Inventory;
using HybridOrders.Domain.Reservations;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace HybridOrders.Infrastructure.Stock;

/// <summary>
/// A new hold (<c>POST /reservations</c>), the hot path of the ledger. On PostgreSQL all of its writes are ONE statement,
/// without change tracking: the conditional UPDATE of its stock lines (locked in the global order; a hold has one
/// location, so that is its SKUs in ordinal order), the ledger's <c>reserve</c> rows from the UPDATE's RETURNING, and, only
/// when every line was held, the reservation, its lines, its <c>reservation.created</c> event and, for a returning customer,
/// its link in the customer registry (<see cref="LinkKnownCustomerSql"/>). The new figures come back for the stock events,
/// as from every other ledger update. With the caller's BEGIN (sent along by Npgsql) and COMMIT that is two round trips.
/// When a line is short, nothing of the reservation is written and the caller's transaction rolls back the lines that were
/// held. Other providers take the general path: <see cref="ApplyAsync"/> and the unit of work.
/// </summary>
internal sealed partial class StockLedger
{
    /// <summary>The columns the statement writes; checked once against the EF model, so a column added to either table
    /// cannot be silently left out of a hold (a NOT NULL column without a default would fail every hold).</summary>
    private static readonly string[] ReservationColumns =
        ["Id", "LocationCode", "Channel", "CustomerId", "CustomerEmail", "CustomerPhone", "CustomerName", "Status", "CreatedAt", "ExpiresAt", "ClosedAt", "Version", "OrderId"];

    private static readonly string[] ReservationLineColumns = ["ReservationId", "Sku", "Quantity"];

    private static readonly string[] CustomerLinkColumns = ["Activity", "SubjectId", "CustomerId", "Channel", "Name", "At"];

    private static volatile bool _holdColumnsChecked;

    public async Task<string?> HoldAsync(Reservation reservation, CancellationToken ct)
    {
        var npgsql = db.Database.IsNpgsql();
        var citus = npgsql && await IsCitusAsync(ct);
        if (!npgsql || db.Database.CurrentTransaction is not { } tx || (reservation.Lines.Count > 1 && citus))
        {
            await ReserveInLockOrderAsync(reservation, ct);
            db.Reservations.Add(reservation);
            return null;
        }
        EnsureHoldColumnsMatchModel();
        var lines = reservation.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
        NoteLocking(reservation.LocationCode, lines[0].Sku);
        NoteLocking(reservation.LocationCode, lines[^1].Sku);
        var events = reservation.DomainEvents.Select(outbox.Unsaved).ToList();

        // On Citus the registry stays on the coordinator (ADR 0012) and is not joined into the sharded hold: the caller records it.
        var sql = (lines.Count == 1 ? HoldOneLineSql : HoldLinesSql) + (citus ? HoldResultSql : LinkKnownCustomerSql + HoldResultLinkedSql);
        await using var command = HoldCommand(sql, reservation, lines, events,
            citus ? null : Domain.Customers.CustomerKeys.Of(reservation.Customer), (NpgsqlTransaction)tx.GetDbTransaction());

        var held = new List<(string Sku, int Quantity, LineFigures After)>(lines.Count);
        string? linked = null;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                held.Add((reader.GetString(0), reader.GetInt32(1),
                    new LineFigures(reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5))));
                if (!reader.IsDBNull(6)) linked = reader.GetString(6);
            }

        foreach (var (sku, quantity, after) in held)
            NoteThreshold(reservation.LocationCode, sku, after.OnHand, after.Reserved - quantity, after);
        if (held.Count == lines.Count)
        {
            reservation.ClearDomainEvents(); // written above, in the same statement
            if (events.Count > 0) db.OutboxWritten = true;
            return linked;
        }
        // Short: the reservation was not written; the caller's transaction rolls back the lines that were held.
        var shortages = new List<StockShortage>();
        foreach (var line in lines)
        {
            if (held.Exists(h => h.Sku == line.Sku)) continue;
            var available = await AvailableAsync(reservation.LocationCode, line.Sku, ct);
            shortages.Add(new StockShortage(line.Sku, line.Quantity, Math.Min(available, line.Quantity - 1)));
        }
        throw new InsufficientStockException(shortages);
    }

    public async Task<bool> TryHoldAtOnceAsync(Reservation reservation, CancellationToken ct)
    {
        // One line only: a statement is all or nothing for ONE row. With several, a line whose figures a concurrent release raised
        // while the statement waited for its lock fails the UPDATE's check on the statement's snapshot while the others pass, and
        // without a transaction nothing would take the half back; several lines take the transactional path.
        if (reservation.Lines.Count != 1 || !db.Database.IsNpgsql() || db.Database.CurrentTransaction is not null || await IsCitusAsync(ct)) return false;
        var keys = Domain.Customers.CustomerKeys.Of(reservation.Customer);
        if (keys.Count == 0) return false; // the registry makes it a new record
        EnsureHoldColumnsMatchModel();
        var lines = reservation.Lines.ToList();
        NoteLocking(reservation.LocationCode, lines[0].Sku);
        var events = reservation.DomainEvents.Select(outbox.Unsaved).ToList();
        await using var command = HoldCommand(HoldOneLineAtOnceSql + HoldWritesSql + LinkCustomerSql + OneLineSql + HoldResultLinkedSql,
            reservation, lines, events, keys, transaction: null);

        await db.Database.OpenConnectionAsync(ct);
        var held = 0;
        string? linked = null;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                held++;
                if (!reader.IsDBNull(6)) linked = reader.GetString(6);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
            _highestLocked = null; // the statement's commit released its lock
        }
        if (held != 1) return false; // the statement's guard let nothing through: nothing was written
        // Cannot happen (the guard and the link read the same record, computed once); if it did, the hold is committed all the
        // same, and failing the request now would only make its client hold again.
        if (linked is null) logger.LogError("Hold {Reservation} was written without its customer link", reservation.Id);
        reservation.ClearDomainEvents(); // written and committed by the statement
        if (events.Count > 0) outboxSignal.Notify();
        return true;
    }

    private NpgsqlCommand HoldCommand(string sql, Reservation reservation, List<ReservationLine> lines, List<Application.Events.EventRecord> events,
        IReadOnlyList<(Domain.Customers.IdentifierKind Kind, string Value, string Display)>? customerKeys, NpgsqlTransaction? transaction)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(), transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string>("loc", NpgsqlDbType.Varchar) { TypedValue = reservation.LocationCode });
        if (lines.Count == 1)
        {
            p.Add(new NpgsqlParameter<string>("sku", NpgsqlDbType.Varchar) { TypedValue = lines[0].Sku });
            p.Add(new NpgsqlParameter<int>("q", NpgsqlDbType.Integer) { TypedValue = lines[0].Quantity });
        }
        else
        {
            p.Add(new NpgsqlParameter<string[]>("skus", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = lines.Select(l => l.Sku).ToArray() });
            p.Add(new NpgsqlParameter<int[]>("qs", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = lines.Select(l => l.Quantity).ToArray() });
        }
        p.Add(new NpgsqlParameter<int>("n", NpgsqlDbType.Integer) { TypedValue = lines.Count });
        p.Add(new NpgsqlParameter<string>("ref", NpgsqlDbType.Varchar) { TypedValue = Application.Reservations.ReservationReference.For(reservation.Id) });
        p.Add(new NpgsqlParameter<NodaTime.Instant>("at", NpgsqlDbType.TimestampTz) { TypedValue = reservation.CreatedAt });
        p.Add(new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = reservation.Id });
        p.Add(new NpgsqlParameter<string>("channel", NpgsqlDbType.Varchar) { TypedValue = reservation.Channel.ToString() });
        p.Add(Text("cid", reservation.Customer.Id));
        p.Add(Text("cemail", reservation.Customer.Email));
        p.Add(Text("cphone", reservation.Customer.Phone));
        p.Add(Text("cname", reservation.Customer.Name));
        p.Add(new NpgsqlParameter<string>("status", NpgsqlDbType.Varchar) { TypedValue = reservation.Status.ToString() });
        p.Add(new NpgsqlParameter<NodaTime.Instant>("expires", NpgsqlDbType.TimestampTz) { TypedValue = reservation.ExpiresAt });
        p.Add(new NpgsqlParameter<int>("version", NpgsqlDbType.Integer) { TypedValue = reservation.Version });
        p.Add(new NpgsqlParameter<string[]>("etype", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = events.Select(e => e.Type).ToArray() });
        p.Add(new NpgsqlParameter<NodaTime.Instant>("eat", NpgsqlDbType.TimestampTz) { TypedValue = clock.GetCurrentInstant() });
        p.Add(new NpgsqlParameter<string[]>("edata", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = events.Select(e => e.Data).ToArray() });
        p.Add(new NpgsqlParameter<string?[]>("elocs", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = events.Select(e => e.Locations).ToArray() });
        if (customerKeys is { } keys)
        {
            p.Add(new NpgsqlParameter<string[]>("ckinds", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = keys.Select(k => k.Kind.ToString()).ToArray() });
            p.Add(new NpgsqlParameter<string[]>("cvalues", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { TypedValue = keys.Select(k => k.Value).ToArray() });
        }
        return command;
    }

    /// <summary>Databases (by connection string) that are a Citus coordinator. Citus refuses the several-line statement: its
    /// lines live on different shards, and a FOR UPDATE over several shards cannot be planned ("could not run distributed
    /// query with FOR UPDATE/SHARE commands"). There a hold of several SKUs takes the general path, one conditional UPDATE
    /// per line in lock order (ADR 0012); a one-line hold keeps the single statement, which Citus runs as a chain of subplans.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> CitusDatabases = new(StringComparer.Ordinal);

    private async Task<bool> IsCitusAsync(CancellationToken ct)
    {
        var key = db.Database.GetConnectionString() ?? "";
        if (CitusDatabases.TryGetValue(key, out var citus)) return citus;
        citus = await db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS \"Value\"").SingleAsync(ct);
        return CitusDatabases[key] = citus;
    }

    private async Task ReserveInLockOrderAsync(Reservation reservation, CancellationToken ct) =>
        await ApplyAsync(new Application.Common.StockMoves().Reserve(reservation.LocationCode, reservation.Quantities,
            Application.Reservations.ReservationReference.For(reservation.Id)), ct);

    private static NpgsqlParameter<string?> Text(string name, string? value) => new(name, NpgsqlDbType.Varchar) { TypedValue = value };

    /// <summary>One line: no lock step needed (a single row is its own order).</summary>
    private const string HoldOneLineSql = "WITH " + OneLineUpdateSql + OneLineReturningSql + HoldWritesSql + OneLineSql;

    /// <summary>The conditional UPDATE of a one-line hold (both statements), up to its RETURNING: the self-committing one adds
    /// its guard in between.</summary>
    private const string OneLineUpdateSql = """
        u AS (
            UPDATE "StockLines" s SET "Reserved" = s."Reserved" + @q
            WHERE s."LocationCode" = @loc AND s."Sku" = @sku AND s."OnHand" - s."Reserved" - s."SafetyStock" >= @q
              AND EXISTS (SELECT 1 FROM "Locations" l WHERE l."Code" = @loc AND l."IsActive")
        """;

    private const string OneLineReturningSql = """

            RETURNING s."Sku", @q AS q, s."OnHand", s."Reserved", s."SafetyStock", s."LowStockThreshold"),
        """;

    private const string OneLineSql = """

        , rl AS (
            INSERT INTO "ReservationLines" ("ReservationId", "Sku", "Quantity")
            SELECT @id, @sku, @q FROM ok WHERE ok.held)
        """;

    /// <summary>Several lines: the rows are first locked in ordinal SKU order (a MATERIALIZED CTE with FOR UPDATE, which
    /// locks as its sorted rows come out), then updated. The UPDATE's condition sees the statement's snapshot: a line that a
    /// concurrent receipt or release raised while the statement waited for its lock is refused (the hold answers 409, and the
    /// caller's transaction rolls back the lines that were held). That race is why a hold of several lines never runs
    /// without a transaction (<see cref="TryHoldAtOnceAsync"/>).</summary>
    private const string HoldLinesSql = """
        WITH t AS (SELECT * FROM unnest(@skus, @qs) AS t(sku, q)),
        k AS MATERIALIZED (
            SELECT s."Sku" FROM "StockLines" s
            WHERE s."LocationCode" = @loc AND s."Sku" = ANY (@skus)
            ORDER BY s."Sku" COLLATE "C"
            FOR UPDATE OF s),
        u AS (
            UPDATE "StockLines" s SET "Reserved" = s."Reserved" + t.q
            FROM t JOIN k ON k."Sku" = t.sku
            WHERE s."LocationCode" = @loc AND s."Sku" = t.sku AND s."OnHand" - s."Reserved" - s."SafetyStock" >= t.q
              AND EXISTS (SELECT 1 FROM "Locations" l WHERE l."Code" = @loc AND l."IsActive")
            RETURNING s."Sku", t.q, s."OnHand", s."Reserved", s."SafetyStock", s."LowStockThreshold"),
        """ + HoldWritesSql + LinesSql;

    private const string LinesSql = """

        , rl AS (
            INSERT INTO "ReservationLines" ("ReservationId", "Sku", "Quantity")
            SELECT @id, t.sku, t.q FROM t, ok WHERE ok.held)
        """;

    /// <summary>What both variants write after the UPDATE: the ledger rows of what was held, and, when all was held, the
    /// reservation and its events (ids in the order given; none taken when the hold is refused).</summary>
    private const string HoldWritesSql = """
        m AS (
            INSERT INTO "StockMovements" ("LocationCode", "Sku", "Kind", "OnHandDelta", "ReservedDelta", "Reference", "OccurredAt")
            SELECT @loc, u."Sku", 'Reserve', 0, u.q, @ref, @at FROM u ORDER BY u."Sku" COLLATE "C"),
        ok AS (SELECT count(*) = @n AS held FROM u),
        r AS (
            INSERT INTO "Reservations" ("Id", "LocationCode", "Channel", "CustomerId", "CustomerEmail", "CustomerPhone", "CustomerName",
                                        "Status", "CreatedAt", "ExpiresAt", "ClosedAt", "Version", "OrderId")
            SELECT @id, @loc, @channel, @cid, @cemail, @cphone, @cname, @status, @at, @expires, NULL, @version, NULL FROM ok WHERE ok.held),
        e AS (
            INSERT INTO "Events" ("Type", "OccurredAt", "Data", "Locations")
            SELECT x.type, @eat, x.data, x.locs FROM unnest(@etype, @edata, @elocs) WITH ORDINALITY AS x(type, data, locs, i), ok
            WHERE ok.held ORDER BY x.i)
        """;

    /// <summary>The customer registry's common case in the same statement: when every identifier the hold carries (normalized
    /// as <see cref="Domain.Customers.CustomerKeys"/> does) already belongs to one record and that record is live, the hold is
    /// linked to it, exactly what <see cref="Application.Customers.CustomerRegistry.RecordAsync"/> would do there (it would
    /// read the owners, follow none, claim nothing, merge nothing and add the link). Any other case (a new identifier, two
    /// owners, a merged owner, no identifier at all) links nothing here and the caller goes through the registry.</summary>
    private const string LinkKnownCustomerSql = "\n, " + KnownCustomerSql + LinkCustomerSql;

    /// <summary>The registry record every identifier of the hold already belongs to, if there is one and it is live: the case
    /// <see cref="LinkKnownCustomerSql"/> links, and without which the self-committing statement holds nothing.</summary>
    private const string KnownCustomerSql = """
        ck AS (SELECT * FROM unnest(@ckinds, @cvalues) AS ck(kind, value)),
        cust AS (
            SELECT c."Id" FROM "Customers" c
            WHERE c."MergedIntoId" IS NULL AND c."Id" = (
                SELECT min(i."CustomerId")
                FROM ck LEFT JOIN "CustomerIdentifiers" i ON i."Kind" = ck.kind AND i."Value" = ck.value
                HAVING count(*) > 0 AND count(i."CustomerId") = count(*) AND count(DISTINCT i."CustomerId") = 1))
        """;

    /// <summary>
    /// The self-committing statement (<see cref="TryHoldAtOnceAsync"/>), one line. Its guard lets the UPDATE through only when
    /// the statement is the whole hold: the customer is known (<see cref="KnownCustomerSql"/>), the line has the quantity, and
    /// the hold does not take available from above its low-stock threshold to at or below it (that adds a <c>stock.low</c>
    /// event, which the transactional path writes). Nothing passes the guard: nothing is written at all.
    /// </summary>
    private const string HoldOneLineAtOnceSql = "WITH " + KnownCustomerSql + ",\n" + OneLineUpdateSql + """

              AND (s."OnHand" - s."Reserved" - s."SafetyStock" - @q > s."LowStockThreshold"
                   OR s."OnHand" - s."Reserved" - s."SafetyStock" <= s."LowStockThreshold")
              AND EXISTS (SELECT 1 FROM cust)
        """ + OneLineReturningSql;

    /// <summary>The hold's link to that record, when the hold was written (in the self-committing statement the guard made
    /// sure there is a record to link to).</summary>
    private const string LinkCustomerSql = """

        , cl AS (
            INSERT INTO "CustomerLinks" ("Activity", "SubjectId", "CustomerId", "Channel", "Name", "At")
            SELECT 'Reservation', @id, cust."Id", @channel, @cname, @at FROM cust, ok
            WHERE ok.held
            RETURNING "CustomerId")
        """;

    /// <summary>The held lines with their new figures, and the registry id the hold was linked to (or NULL).</summary>
    private const string HoldResultLinkedSql = """

        SELECT u."Sku", u.q, u."OnHand", u."Reserved", u."SafetyStock", u."LowStockThreshold", (SELECT cl."CustomerId" FROM cl) FROM u
        """;

    private const string HoldResultSql = """

        SELECT u."Sku", u.q, u."OnHand", u."Reserved", u."SafetyStock", u."LowStockThreshold", NULL::varchar FROM u
        """;

    private void EnsureHoldColumnsMatchModel()
    {
        if (_holdColumnsChecked) return;
        const string writer = "The hold statement (StockLedger.Hold.cs)";
        WrittenColumns.Check(db.Model, "Reservations", ReservationColumns, writer);
        WrittenColumns.Check(db.Model, "ReservationLines", ReservationLineColumns, writer);
        WrittenColumns.Check(db.Model, "CustomerLinks", CustomerLinkColumns, writer);
        _holdColumnsChecked = true;
    }
}
