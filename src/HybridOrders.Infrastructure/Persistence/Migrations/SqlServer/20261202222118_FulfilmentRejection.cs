using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HybridOrders.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FulfilmentRejection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "CancelledAmount",
                table: "OrderLines",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "CancelledQuantity",
                table: "OrderLines",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "RejectedAt",
                table: "Fulfilments",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "Fulfilments",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReplacesFulfilmentId",
                table: "Fulfilments",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RejectedQuantity",
                table: "FulfilmentLines",
                type: "int",
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
