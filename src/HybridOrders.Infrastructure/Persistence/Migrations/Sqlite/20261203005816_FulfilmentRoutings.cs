using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HybridOrders.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FulfilmentRoutings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RoutingCandidateCount",
                table: "Fulfilments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "FulfilmentRoutings",
                columns: table => new
                {
                    FulfilmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Candidates = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FulfilmentRoutings", x => x.FulfilmentId);
                    table.ForeignKey(
                        name: "FK_FulfilmentRoutings_Fulfilments_FulfilmentId",
                        column: x => x.FulfilmentId,
                        principalTable: "Fulfilments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FulfilmentRoutings");

            migrationBuilder.DropColumn(
                name: "RoutingCandidateCount",
                table: "Fulfilments");
        }
    }
}
