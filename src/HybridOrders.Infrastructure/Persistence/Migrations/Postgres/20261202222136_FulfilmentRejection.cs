using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace HybridOrders.Infrastructure.Persistence.Migrations.Postgres
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
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "CancelledQuantity",
                table: "OrderLines",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Instant>(
                name: "RejectedAt",
                table: "Fulfilments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "Fulfilments",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReplacesFulfilmentId",
                table: "Fulfilments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RejectedQuantity",
                table: "FulfilmentLines",
                type: "integer",
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
