using Npgsql;
using NpgsqlTypes;

namespace HybridOrders.Benchmarks;

/// <summary>The ceiling: what the stock ledger does for a one-line hold, straight through Npgsql on one connection per
/// client: BEGIN; the conditional UPDATE of the stock line; when it matched, the INSERT of the ledger row; COMMIT.
/// Prepared statements; Npgsql sends BEGIN together with the UPDATE, so that is three round trips per hold.</summary>
internal sealed class RawHolds(NpgsqlDataSource dataSource, string location)
{
    private const string UpdateSql = """
        UPDATE "StockLines" SET "Reserved" = "Reserved" + @quantity
        WHERE "LocationCode" = @location AND "Sku" = @sku AND "OnHand" - "Reserved" - "SafetyStock" >= @quantity
        """;

    private const string InsertSql = """
        INSERT INTO "StockMovements" ("LocationCode", "Sku", "Kind", "OnHandDelta", "ReservedDelta", "Reference", "OccurredAt")
        VALUES (@location, @sku, 'Reserve', 0, @quantity, @reference, @occurredAt)
        """;

    public async Task<IHoldClient> ClientAsync(int _)
    {
        var connection = await dataSource.OpenConnectionAsync();
        var client = new Holder(connection, location);
        await client.PrepareAsync();
        return client;
    }

    private sealed class Holder : IHoldClient
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlCommand _update;
        private readonly NpgsqlCommand _insert;
        private readonly NpgsqlParameter<string> _updateSku = new("sku", NpgsqlDbType.Varchar);
        private readonly NpgsqlParameter<string> _insertSku = new("sku", NpgsqlDbType.Varchar);
        private readonly NpgsqlParameter<string> _reference = new("reference", NpgsqlDbType.Varchar);
        private readonly NpgsqlParameter<DateTime> _occurredAt = new("occurredAt", NpgsqlDbType.TimestampTz);

        public Holder(NpgsqlConnection connection, string location)
        {
            _connection = connection;
            _update = new NpgsqlCommand(UpdateSql, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<int>("quantity", NpgsqlDbType.Integer) { TypedValue = 1 },
                    new NpgsqlParameter<string>("location", NpgsqlDbType.Varchar) { TypedValue = location },
                    _updateSku,
                },
            };
            _insert = new NpgsqlCommand(InsertSql, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<int>("quantity", NpgsqlDbType.Integer) { TypedValue = 1 },
                    new NpgsqlParameter<string>("location", NpgsqlDbType.Varchar) { TypedValue = location },
                    _insertSku, _reference, _occurredAt,
                },
            };
            _updateSku.TypedValue = _insertSku.TypedValue = _reference.TypedValue = "";
        }

        public async Task PrepareAsync()
        {
            await _update.PrepareAsync();
            await _insert.PrepareAsync();
        }

        public async Task<string?> HoldOnceAsync(string sku, CancellationToken ct)
        {
            await using var transaction = await _connection.BeginTransactionAsync(ct);
            _updateSku.TypedValue = sku;
            var updated = await _update.ExecuteNonQueryAsync(ct);
            if (updated != 1) return $"the conditional UPDATE of {sku} matched {updated} rows"; // disposal rolls back
            _insertSku.TypedValue = sku;
            _reference.TypedValue = $"reservation:{Guid.CreateVersion7()}";
            _occurredAt.TypedValue = DateTime.UtcNow;
            await _insert.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return null;
        }

        public async ValueTask DisposeAsync()
        {
            await _update.DisposeAsync();
            await _insert.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
