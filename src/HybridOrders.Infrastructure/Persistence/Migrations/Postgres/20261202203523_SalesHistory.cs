using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace HybridOrders.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SalesHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SalesHistory",
                columns: table => new
                {
                    Sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LocationCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Date = table.Column<LocalDate>(type: "date", nullable: false),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    ImportedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SalesHistory", x => new { x.Sku, x.LocationCode, x.Date, x.Channel });
                    table.ForeignKey(
                        name: "FK_SalesHistory_Locations_LocationCode",
                        column: x => x.LocationCode,
                        principalTable: "Locations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SalesHistory_Products_Sku",
                        column: x => x.Sku,
                        principalTable: "Products",
                        principalColumn: "Sku",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SalesHistory_LocationCode",
                table: "SalesHistory",
                column: "LocationCode");

            migrationBuilder.CreateIndex(
                name: "IX_SalesHistory_Sku_Date",
                table: "SalesHistory",
                columns: new[] { "Sku", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SalesHistory");
        }
    }
}
