using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HybridOrders.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FulfilmentRejection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CancelledAmount",
                table: "OrderLines",
                type: "INTEGER",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "CancelledQuantity",
                table: "OrderLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "RejectedAt",
                table: "Fulfilments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "Fulfilments",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReplacesFulfilmentId",
                table: "Fulfilments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RejectedQuantity",
                table: "FulfilmentLines",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CancelledAmount",
                table: "OrderLines");

            migrationBuilder.DropColumn(
                name: "CancelledQuantity",
                table: "OrderLines");

            migrationBuilder.DropColumn(
                name: "RejectedAt",
                table: "Fulfilments");

            migrationBuilder.DropColumn(
                name: "RejectionReason",
                table: "Fulfilments");

            migrationBuilder.DropColumn(
                name: "ReplacesFulfilmentId",
                table: "Fulfilments");

            migrationBuilder.DropColumn(
                name: "RejectedQuantity",
                table: "FulfilmentLines");
        }
    }
}
