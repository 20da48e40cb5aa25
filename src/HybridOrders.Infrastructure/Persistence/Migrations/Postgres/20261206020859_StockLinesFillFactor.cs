using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HybridOrders.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StockLinesFillFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "StockLines")
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "StockLines")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 85);
        }
    }
}
