using HybridOrders.Api.Tests.Infrastructure;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HybridOrders.Api.Tests.Database;

/// <summary>On PostgreSQL the long text columns (the routing decisions, the event bodies) are compressed with lz4, not the
/// server's default pglz (ADR 0018): the migration sets it, and a column added later without it shows here.</summary>
public sealed class LongTextCompressionTests(PostgresApiFactory factory) : IClassFixture<PostgresApiFactory>
{
    [Fact]
    public async Task Routing_decisions_and_event_bodies_are_compressed_with_lz4()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HybridOrdersDbContext>();
        var columns = await db.Database.SqlQuery<string>($"""
            SELECT c.relname || '.' || a.attname || '=' || a.attcompression::text AS "Value"
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
              AND (c.relname, a.attname) IN (('Fulfilments', 'RoutingCandidates'), ('FulfilmentRoutings', 'Candidates'), ('Events', 'Data'))
            ORDER BY 1
            """).ToListAsync();
        columns.ShouldBe(["Events.Data=l", "FulfilmentRoutings.Candidates=l", "Fulfilments.RoutingCandidates=l"]);
    }
}
