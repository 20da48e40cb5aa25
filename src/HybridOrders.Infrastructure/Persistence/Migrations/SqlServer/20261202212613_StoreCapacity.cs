using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HybridOrders.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StoreCapacity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DailyCapacity",
                table: "Locations",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LocationCapacityDays",
                columns: table => new
                {
                    LocationCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Day = table.Column<string>(type: "varchar(10)", unicode: false, maxLength: 10, nullable: false),
                    Used = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LocationCapacityDays", x => new { x.LocationCode, x.Day });
                    table.CheckConstraint("CK_LocationCapacityDays_Used", "\"Used\" >= 0");
                    table.ForeignKey(
                        name: "FK_LocationCapacityDays_Locations_LocationCode",
                        column: x => x.LocationCode,
                        principalTable: "Locations",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LocationCapacityDays");

            migrationBuilder.DropColumn(
                name: "DailyCapacity",
                table: "Locations");
        }
    }
}
