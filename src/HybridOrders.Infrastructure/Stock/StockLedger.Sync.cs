using HybridOrders.Application.Common;
using HybridOrders.Domain.Common;
using HybridOrders.Domain.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HybridOrders.Infrastructure.Stock;

/// <summary>
/// Bulk stock sync: on-hand of many stock lines set to absolute counts at once. On PostgreSQL in four set-based statements
/// whatever the number of lines: read the figures (nothing locked); create the missing lines that will receive stock; lock
/// the rows that look like they change, in the global order (location, then SKU, ordinal), and judge each line again on the
/// locked figures; then one UPDATE … FROM with the ledger rows inserted from its RETURNING. Lines already right, and lines
/// refused on the first read, are neither locked nor written. Other providers take a portable path with the same rules: a
/// read per location, then a compare-and-set UPDATE per changed line in the global order (SQLite has one writer at a time;
/// on SQL Server each UPDATE takes its row lock in that order).
/// </summary>
internal sealed partial class StockLedger
{
    private const int MaxSyncAttempts = 10;
    private const int LockBatch = 1_000;

    /// <remarks>On a Citus coordinator the set-based lock step would be a FOR UPDATE over many shards, which Citus cannot plan
    /// (ADR 0012): there the rows are locked by one single-row FOR UPDATE per line, in the global order, sent as batches (each
    /// statement routed to its line's shard); the other steps are the same set-based statements.</remarks>
    public async Task<IReadOnlyList<StockSyncOutcome>> SyncAsync(IReadOnlyList<StockSyncLine> lines, string reference, CancellationToken ct) =>
        db.Database.IsNpgsql() ? await SyncOnPostgresAsync(lines, reference, await IsCitusAsync(ct), ct) : await SyncPortablyAsync(lines, reference, ct);

    /// <summary>How a line stands against the figures of its stock line (<paramref name="onHand"/> and <paramref name="reserved"/>;
    /// both 0 for a line that does not exist yet).</summary>
    private static StockSyncOutcome Judge(StockSyncLine line, int onHand, int reserved) =>
        new(line.CompareOnHand is { } expected && expected != onHand ? StockSyncResult.CompareFailed
            : line.OnHand == onHand ? StockSyncResult.Unchanged
            : line.OnHand < reserved ? StockSyncResult.CountBelowReserved
            : StockSyncResult.Applied, onHand, reserved);

    private async Task<IReadOnlyList<StockSyncOutcome>> SyncOnPostgresAsync(IReadOnlyList<StockSyncLine> lines, string reference, bool citus,
        CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("SyncAsync needs the caller's transaction.");
        await db.SaveChangesAsync(ct); // nothing of the caller's may be pending behind the raw statements
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();
        var outcomes = new StockSyncOutcome[lines.Count];

        // 1. The figures as they are (a snapshot; nothing locked).
        var figures = new (int OnHand, int Reserved)?[lines.Count];
        await using (var read = Command(connection, transaction, """
                         SELECT t.i, s."OnHand", s."Reserved"
                         FROM unnest(@loc, @sku) WITH ORDINALITY AS t(loc, sku, i)
                         JOIN "StockLines" s ON s."LocationCode" = t.loc AND s."Sku" = t.sku
                         """, Texts("loc", lines.Select(l => l.LocationCode)), Texts("sku", lines.Select(l => l.Sku))))
        await using (var reader = await read.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                figures[reader.GetInt64(0) - 1] = (reader.GetInt32(1), reader.GetInt32(2));

        // Judged on the snapshot: what is already right or refused stays untouched; the rest is locked and judged again.
        var candidates = new List<int>();
        var missing = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (onHand, reserved) = figures[i] ?? (0, 0);
            outcomes[i] = Judge(lines[i], onHand, reserved);
            if (outcomes[i].Result != StockSyncResult.Applied) continue;
            candidates.Add(i);
            if (figures[i] is null) missing.Add(i);
        }
        if (candidates.Count == 0) return outcomes;

        // 2. Stock lines that do not exist yet and will receive stock (a concurrent creator wins quietly).
        if (missing.Count > 0)
        {
            await using var create = Command(connection, transaction, """
                INSERT INTO "StockLines" ("LocationCode", "Sku", "OnHand", "Reserved", "SafetyStock")
                SELECT t.loc, t.sku, 0, 0, 0 FROM unnest(@loc, @sku) AS t(loc, sku)
                ORDER BY t.loc COLLATE "C", t.sku COLLATE "C"
                ON CONFLICT ("LocationCode", "Sku") DO NOTHING
                """, Texts("loc", missing.Select(i => lines[i].LocationCode)), Texts("sku", missing.Select(i => lines[i].Sku)));
            await create.ExecuteNonQueryAsync(ct);
        }

        // 3. Lock the rows that change, in the global order, and judge them again on what is locked. (The lines created just
        // before are this transaction's already; another one can only wait for them if it creates the same line.)
        NoteLockingRange(candidates.Select(i => lines[i]));
        var apply = new List<(int Index, int Delta, LineFigures After)>(candidates.Count);
        void Locked(int i, int onHand, int reserved, int safetyStock, int lowStockThreshold)
        {
            outcomes[i] = Judge(lines[i], onHand, reserved);
            if (outcomes[i].Result == StockSyncResult.Applied)
                apply.Add((i, lines[i].OnHand - onHand, new LineFigures(lines[i].OnHand, reserved, safetyStock, lowStockThreshold)));
        }
        if (citus) await LockOneByOneAsync(connection, transaction, lines, candidates, Locked, ct);
        else await LockInOneStatementAsync(connection, transaction, lines, candidates, Locked, ct);
        if (apply.Count == 0) return outcomes;

        // 4. Set the counts and write the ledger's adjustments, one statement.
        apply.Sort((x, y) => CompareKeys(lines[x.Index], lines[y.Index]));
        await using var write = Command(connection, transaction, """
            WITH t AS (SELECT * FROM unnest(@loc, @sku, @on_hand, @delta) AS t(loc, sku, on_hand, delta)),
            u AS (
                UPDATE "StockLines" s SET "OnHand" = t.on_hand
                FROM t WHERE s."LocationCode" = t.loc AND s."Sku" = t.sku
                RETURNING s."LocationCode", s."Sku")
            INSERT INTO "StockMovements" ("LocationCode", "Sku", "Kind", "OnHandDelta", "ReservedDelta", "Reference", "OccurredAt")
            SELECT t.loc, t.sku, @kind, t.delta, 0, @reference, @at
            FROM t JOIN u ON u."LocationCode" = t.loc AND u."Sku" = t.sku
            ORDER BY t.loc COLLATE "C", t.sku COLLATE "C"
            """,
            Texts("loc", apply.Select(a => lines[a.Index].LocationCode)), Texts("sku", apply.Select(a => lines[a.Index].Sku)),
            new NpgsqlParameter<int[]>("on_hand", apply.Select(a => lines[a.Index].OnHand).ToArray()),
            new NpgsqlParameter<int[]>("delta", apply.Select(a => a.Delta).ToArray()),
            new NpgsqlParameter<string>("kind", nameof(MovementKind.Adjustment)),
            new NpgsqlParameter<string>("reference", reference),
            new NpgsqlParameter<NodaTime.Instant>("at", clock.GetCurrentInstant()));
        var written = await write.ExecuteNonQueryAsync(ct);
        if (written != apply.Count)
            throw new InvalidOperationException($"Stock sync wrote {written} ledger rows for {apply.Count} locked lines.");
        // The rows stayed locked from the read to the write: the figures read, with the new count, are the line's after.
        foreach (var (i, delta, after) in apply)
            NoteThreshold(lines[i].LocationCode, lines[i].Sku, after.OnHand - delta, after.Reserved, after);
        return outcomes;
    }

    /// <summary>Step 3 on PostgreSQL: the candidates' rows locked by one statement in the global order.</summary>
    private static async Task LockInOneStatementAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StockSyncLine> lines,
        List<int> candidates, Action<int, int, int, int, int> locked, CancellationToken ct)
    {
        await using (var lockRows = Command(connection, transaction, """
                         SELECT t.i, s."OnHand", s."Reserved", s."SafetyStock", s."LowStockThreshold"
                         FROM "StockLines" s
                         JOIN unnest(@loc, @sku, @i) AS t(loc, sku, i) ON s."LocationCode" = t.loc AND s."Sku" = t.sku
                         ORDER BY s."LocationCode" COLLATE "C", s."Sku" COLLATE "C"
                         FOR UPDATE OF s
                         """, Texts("loc", candidates.Select(i => lines[i].LocationCode)), Texts("sku", candidates.Select(i => lines[i].Sku)),
                         new NpgsqlParameter<int[]>("i", candidates.ToArray())))
        await using (var reader = await lockRows.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                locked(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4));
    }

    /// <summary>Step 3 where a multi-shard FOR UPDATE cannot be planned (Citus): a single-row SELECT … FOR UPDATE per line in the
    /// global order, <see cref="LockBatch"/> lines per round trip; each is routed to its line's shard and locks as a hold does.</summary>
    private static async Task LockOneByOneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StockSyncLine> lines,
        List<int> candidates, Action<int, int, int, int, int> locked, CancellationToken ct)
    {
        var ordered = candidates.ToList();
        ordered.Sort((x, y) => CompareKeys(lines[x], lines[y]));
        foreach (var chunk in ordered.Chunk(LockBatch))
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var i in chunk)
                batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                    SELECT "OnHand", "Reserved", "SafetyStock", "LowStockThreshold" FROM "StockLines"
                    WHERE "LocationCode" = $1 AND "Sku" = $2 FOR UPDATE
                    """)
                {
                    Parameters = { new NpgsqlParameter<string> { TypedValue = lines[i].LocationCode }, new NpgsqlParameter<string> { TypedValue = lines[i].Sku } },
                });
            await using var reader = await batch.ExecuteReaderAsync(ct);
            foreach (var i in chunk)
            {
                if (await reader.ReadAsync(ct)) locked(i, reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
                await reader.NextResultAsync(ct);
            }
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Texts(string name, IEnumerable<string> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };

    private static int CompareKeys(StockSyncLine x, StockSyncLine y) =>
        new StockLineKey(x.LocationCode, x.Sku).CompareTo(new StockLineKey(y.LocationCode, y.Sku));

    /// <summary>Tells the lock-order check about a set of lines locked by one statement in the global order: its lowest
    /// line must not be below what this transaction already holds, and its highest is then the highest held.</summary>
    private void NoteLockingRange(IEnumerable<StockSyncLine> locked)
    {
        var sorted = locked.Select(l => new StockLineKey(l.LocationCode, l.Sku)).Order().ToList();
        if (sorted.Count == 0) return;
        NoteLocking(sorted[0].LocationCode, sorted[0].Sku);
        NoteLocking(sorted[^1].LocationCode, sorted[^1].Sku);
    }

    /// <summary>The portable path (SQLite, SQL Server): one read per location, the missing lines created in one batch, then
    /// per changed line in the global order a compare-and-set UPDATE on the figures read (read again and judged again when a
    /// concurrent change made it miss), and the ledger rows saved with the caller's unit of work.</summary>
    private async Task<IReadOnlyList<StockSyncOutcome>> SyncPortablyAsync(IReadOnlyList<StockSyncLine> lines, string reference, CancellationToken ct)
    {
        var outcomes = new StockSyncOutcome[lines.Count];
        var figures = new Dictionary<(string, string), LineFigures>();
        foreach (var location in lines.GroupBy(l => l.LocationCode, StringComparer.Ordinal))
        {
            var skus = location.Select(l => l.Sku).ToList();
            var rows = await db.StockLines.AsNoTracking()
                .Where(s => s.LocationCode == location.Key && skus.Contains(s.Sku))
                .Select(s => new { s.Sku, s.OnHand, s.Reserved, s.SafetyStock, s.LowStockThreshold }).ToListAsync(ct);
            foreach (var row in rows) figures[(location.Key, row.Sku)] = new LineFigures(row.OnHand, row.Reserved, row.SafetyStock, row.LowStockThreshold);
        }

        var order = Enumerable.Range(0, lines.Count).ToArray();
        Array.Sort(order, (x, y) => CompareKeys(lines[x], lines[y]));
        var created = new List<StockLine>();
        foreach (var i in order)
        {
            var known = figures.TryGetValue((lines[i].LocationCode, lines[i].Sku), out var f);
            outcomes[i] = Judge(lines[i], f?.OnHand ?? 0, f?.Reserved ?? 0);
            if (!known && outcomes[i].Result == StockSyncResult.Applied) created.Add(db.StockLines.Add(StockLine.Empty(lines[i].LocationCode, lines[i].Sku)).Entity);
        }
        if (created.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            foreach (var line in created) db.Entry(line).State = EntityState.Detached;
        }

        foreach (var i in order)
        {
            var line = lines[i];
            if (outcomes[i].Result == StockSyncResult.Applied) NoteLocking(line.LocationCode, line.Sku);
            for (var attempt = 0; outcomes[i].Result == StockSyncResult.Applied; attempt++)
            {
                var (before, target) = (outcomes[i].OnHandBefore, line.OnHand);
                var updated = await Line(line.LocationCode, line.Sku)
                    .Where(x => x.OnHand == before && x.Reserved <= target)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, target), ct);
                if (updated == 1)
                {
                    Append(line.LocationCode, line.Sku, MovementKind.Adjustment, target - before, 0, reference);
                    // As in a count: the update matched the on-hand read, the row is now held; a new line starts at zero.
                    var read = figures.GetValueOrDefault((line.LocationCode, line.Sku)) ?? new LineFigures(0, 0, 0, 0);
                    NoteThreshold(line.LocationCode, line.Sku, before, outcomes[i].Reserved, read with { OnHand = target, Reserved = outcomes[i].Reserved });
                    break;
                }
                if (attempt == MaxSyncAttempts)
                    throw new DomainException("stock_changed_concurrently", $"The stock of {line.Sku} at {line.LocationCode} kept changing during the sync; try again.");
                var now = await Line(line.LocationCode, line.Sku).AsNoTracking()
                    .Select(x => new LineFigures(x.OnHand, x.Reserved, x.SafetyStock, x.LowStockThreshold)).SingleAsync(ct);
                figures[(line.LocationCode, line.Sku)] = now;
                outcomes[i] = Judge(line, now.OnHand, now.Reserved);
            }
        }
        return outcomes;
    }
}
