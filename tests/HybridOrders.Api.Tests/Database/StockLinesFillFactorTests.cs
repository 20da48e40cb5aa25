using HybridOrders.Api.Tests.Infrastructure;
using HybridOrders.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HybridOrders.Api.Tests.Database;

/// <summary>On PostgreSQL the stock lines' pages keep room for updated row versions (ADR 0019), so the updates of holds,
/// orders and syncs stay on their page and add nothing to the indexes: the migration sets the table's fill factor.</summary>
public sealed class StockLinesFillFactorTests(PostgresApiFactory factory) : IClassFixture<PostgresApiFactory>
{
    [Fact]
    public async Task The_stock_lines_table_leaves_room_on_each_page()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HybridOrdersDbContext>();
        var options = await db.Database.SqlQuery<string>($"""
            SELECT array_to_string(c.reloptions, ',') AS "Value"
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relname = 'StockLines'
            """).ToListAsync();
        options.ShouldBe([$"fillfactor={PostgresHybridOrdersDbContext.StockLineFillFactor}"]);
    }
}
