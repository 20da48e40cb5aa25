using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HybridOrders.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Lz4ForLongText : Migration
    {
        // By hand: the provider's ALTER COLUMN … SET COMPRESSION has no terminating semicolon, which breaks the idempotent script
        // (db/postgresql), where every statement sits in a DO block. The model snapshot carries the same annotation.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, column) in Columns)
                migrationBuilder.Sql($"ALTER TABLE \"{table}\" ALTER COLUMN \"{column}\" SET COMPRESSION lz4;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, column) in Columns)
                migrationBuilder.Sql($"ALTER TABLE \"{table}\" ALTER COLUMN \"{column}\" SET COMPRESSION DEFAULT;");
        }

        private static readonly (string Table, string Column)[] Columns =
            [("Fulfilments", "RoutingCandidates"), ("FulfilmentRoutings", "Candidates"), ("Events", "Data")];
    }
}
