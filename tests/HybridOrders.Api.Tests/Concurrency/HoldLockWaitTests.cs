using System.Net;
using HybridOrders.Api.Tests.Infrastructure;
using Npgsql;

namespace HybridOrders.Api.Tests.Concurrency;

/// <summary>
/// A hold of several lines whose statement started while another client's receipt of its sold-out line held that line's lock:
/// the statement's snapshot says 0 available, the lock, once granted, a unit. Whatever it answers, the hold is whole or
/// nothing: found in review of ADR 0013, where a version that ran such holds without a transaction updated the other line
/// and kept it reserved, with no reservation to release it.
/// </summary>
public sealed class HoldLockWaitTests(PostgresApiFactory factory) : IClassFixture<PostgresApiFactory>
{
    [Fact]
    public async Task A_two_line_hold_that_waits_for_a_receipt_of_its_sold_out_line_holds_both_lines_or_neither()
    {
        var admin = factory.Admin();
        var location = await admin.CreateLocationAsync();
        var scarce = await admin.CreateProductAsync(sku: factory.NewSku());
        var ample = await admin.CreateProductAsync(sku: factory.NewSku());
        await admin.ReceiveAsync(location, scarce, 1);
        await admin.ReceiveAsync(location, ample, 10);
        var pos = factory.Pos(location);
        var customer = new { email = $"{Infrastructure.Api.Unique("wait")}@example.com" };
        object Hold(params (string Sku, int Quantity)[] lines) => new
        {
            locationCode = location, channel = "pos", customer, lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }).ToArray(),
        };
        (await pos.PostJsonAsync("/api/v1/reservations", Hold((scarce, 1)))).Expect(HttpStatusCode.Created); // scarce: 0 available

        // Another client receives one unit of the scarce line (with its ledger row) and keeps the row locked meanwhile.
        await using var other = new NpgsqlConnection($"{PostgresServer.ConnectionString};Database={factory.Database};Pooling=false");
        await other.OpenAsync();
        await using var tx = await other.BeginTransactionAsync();
        await using (var receive = new NpgsqlCommand("""
            UPDATE "StockLines" SET "OnHand" = "OnHand" + 1 WHERE "LocationCode" = @l AND "Sku" = @s;
            INSERT INTO "StockMovements" ("LocationCode", "Sku", "Kind", "OnHandDelta", "ReservedDelta", "Reference", "OccurredAt")
            VALUES (@l, @s, 'Receipt', 1, 0, 'test: receipt under lock', now());
            """, other, tx))
        {
            receive.Parameters.AddWithValue("l", location);
            receive.Parameters.AddWithValue("s", scarce);
            await receive.ExecuteNonQueryAsync();
        }

        var hold = pos.PostJsonAsync("/api/v1/reservations", Hold((scarce, 1), (ample, 1)));
        await DeadlockVictimTests.WaitUntilBlockedAsync(factory); // the hold started (its snapshot: 0 available) and waits
        await tx.CommitAsync();

        var answer = await hold;
        var scarceLine = await admin.StockAsync(location, scarce);
        var ampleLine = await admin.StockAsync(location, ample);
        scarceLine.OnHand.ShouldBe(2);
        if (answer.Status == HttpStatusCode.Created) // held on the figures the lock gave: both lines
        {
            answer.Body!["lines"]!.AsArray().Count.ShouldBe(2);
            (scarceLine.Reserved, ampleLine.Reserved).ShouldBe((2, 1));
        }
        else // refused on the snapshot's figures: neither line
        {
            answer.ExpectProblem(HttpStatusCode.Conflict, "insufficient_stock");
            (scarceLine.Reserved, ampleLine.Reserved).ShouldBe((1, 0));
            (await pos.PostJsonAsync("/api/v1/reservations", Hold((scarce, 1), (ample, 1)))).Expect(HttpStatusCode.Created); // there now
        }
        scarceLine.ShouldAgreeWithLedger();
        ampleLine.ShouldAgreeWithLedger();
    }
}
