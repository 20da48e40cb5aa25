using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HybridOrders.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DistributableKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The rebuilt FulfilmentLines, FulfilmentRoutings and ReturnLines reference keys of Fulfilments and Returns that exist only
            // once those are rebuilt too: foreign keys stay off (outside the migration's transaction, where SQLite honours it) until
            // EF turns them on.
            migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);

            migrationBuilder.DropForeignKey(
                name: "FK_FulfilmentLines_Fulfilments_FulfilmentId",
                table: "FulfilmentLines");

            migrationBuilder.DropForeignKey(
                name: "FK_FulfilmentRoutings_Fulfilments_FulfilmentId",
                table: "FulfilmentRoutings");

            migrationBuilder.DropForeignKey(
                name: "FK_ReturnLines_Returns_ReturnId",
                table: "ReturnLines");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Returns",
                table: "Returns");

            migrationBuilder.DropPrimaryKey(
                name: "PK_ReturnLines",
                table: "ReturnLines");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Number",
                table: "Orders");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Fulfilments",
                table: "Fulfilments");

            migrationBuilder.DropIndex(
                name: "IX_Fulfilments_Code",
                table: "Fulfilments");

            migrationBuilder.DropIndex(
                name: "IX_Fulfilments_OrderId",
                table: "Fulfilments");

            migrationBuilder.DropPrimaryKey(
                name: "PK_FulfilmentRoutings",
                table: "FulfilmentRoutings");

            migrationBuilder.DropPrimaryKey(
                name: "PK_FulfilmentLines",
                table: "FulfilmentLines");

            migrationBuilder.AddColumn<Guid>(
                name: "OrderId",
                table: "ReturnLines",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "OrderId",
                table: "FulfilmentRoutings",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "OrderId",
                table: "FulfilmentLines",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Rows written before this migration learn their order from their fulfilment or return.
            migrationBuilder.Sql("UPDATE \"FulfilmentLines\" SET \"OrderId\" = (SELECT f.\"OrderId\" FROM \"Fulfilments\" f WHERE f.\"Id\" = \"FulfilmentLines\".\"FulfilmentId\");");
            migrationBuilder.Sql("UPDATE \"FulfilmentRoutings\" SET \"OrderId\" = (SELECT f.\"OrderId\" FROM \"Fulfilments\" f WHERE f.\"Id\" = \"FulfilmentRoutings\".\"FulfilmentId\");");
            migrationBuilder.Sql("UPDATE \"ReturnLines\" SET \"OrderId\" = (SELECT r.\"OrderId\" FROM \"Returns\" r WHERE r.\"Id\" = \"ReturnLines\".\"ReturnId\");");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Returns",
                table: "Returns",
                columns: new[] { "OrderId", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_ReturnLines",
                table: "ReturnLines",
                columns: new[] { "OrderId", "ReturnId", "Sku", "Condition" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_Fulfilments",
                table: "Fulfilments",
                columns: new[] { "OrderId", "Id" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_FulfilmentRoutings",
                table: "FulfilmentRoutings",
                columns: new[] { "OrderId", "FulfilmentId" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_FulfilmentLines",
                table: "FulfilmentLines",
                columns: new[] { "OrderId", "FulfilmentId", "Sku" });

            migrationBuilder.CreateIndex(
                name: "IX_Returns_Id",
                table: "Returns",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Number",
                table: "Orders",
                column: "Number");

            migrationBuilder.CreateIndex(
                name: "IX_Fulfilments_Id",
                table: "Fulfilments",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_Fulfilments_OrderId_Code",
                table: "Fulfilments",
                columns: new[] { "OrderId", "Code" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_FulfilmentLines_Fulfilments_OrderId_FulfilmentId",
                table: "FulfilmentLines",
                columns: new[] { "OrderId", "FulfilmentId" },
                principalTable: "Fulfilments",
                principalColumns: new[] { "OrderId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_FulfilmentRoutings_Fulfilments_OrderId_FulfilmentId",
                table: "FulfilmentRoutings",
                columns: new[] { "OrderId", "FulfilmentId" },
                principalTable: "Fulfilments",
                principalColumns: new[] { "OrderId", "Id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ReturnLines_Returns_OrderId_ReturnId",
                table: "ReturnLines",
                columns: new[] { "OrderId", "ReturnId" },
                principalTable: "Returns",
                principalColumns: new[] { "OrderId", "Id" },
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FulfilmentLines_Fulfilments_OrderId_FulfilmentId",
                table: "FulfilmentLines");

            migrationBuilder.DropForeignKey(
                name: "FK_FulfilmentRoutings_Fulfilments_OrderId_FulfilmentId",
                table: "FulfilmentRoutings");

            migrationBuilder.DropForeignKey(
                name: "FK_ReturnLines_Returns_OrderId_ReturnId",
                table: "ReturnLines");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Returns",
                table: "Returns");

            migrationBuilder.DropIndex(
                name: "IX_Returns_Id",
                table: "Returns");

            migrationBuilder.DropPrimaryKey(
                name: "PK_ReturnLines",
                table: "ReturnLines");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Number",
                table: "Orders");

            migrationBuilder.DropPrimaryKey(
                name: "PK_Fulfilments",
                table: "Fulfilments");

            migrationBuilder.DropIndex(
                name: "IX_Fulfilments_Id",
                table: "Fulfilments");

            migrationBuilder.DropIndex(
                name: "IX_Fulfilments_OrderId_Code",
                table: "Fulfilments");

            migrationBuilder.DropPrimaryKey(
                name: "PK_FulfilmentRoutings",
                table: "FulfilmentRoutings");

            migrationBuilder.DropPrimaryKey(
                name: "PK_FulfilmentLines",
                table: "FulfilmentLines");

            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "ReturnLines");

            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "FulfilmentRoutings");

            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "FulfilmentLines");

            migrationBuilder.AddPrimaryKey(
                name: "PK_Returns",
                table: "Returns",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ReturnLines",
                table: "ReturnLines",
                columns: new[] { "ReturnId", "Sku", "Condition" });

            migrationBuilder.AddPrimaryKey(
                name: "PK_Fulfilments",
                table: "Fulfilments",
                column: "Id");

            migrationBuilder.AddPrimaryKey(
                name: "PK_FulfilmentRoutings",
                table: "FulfilmentRoutings",
                column: "FulfilmentId");

            migrationBuilder.AddPrimaryKey(
                name: "PK_FulfilmentLines",
                table: "FulfilmentLines",
                columns: new[] { "FulfilmentId", "Sku" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Number",
                table: "Orders",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Fulfilments_Code",
                table: "Fulfilments",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Fulfilments_OrderId",
                table: "Fulfilments",
                column: "OrderId");

            migrationBuilder.AddForeignKey(
                name: "FK_FulfilmentLines_Fulfilments_FulfilmentId",
                table: "FulfilmentLines",
                column: "FulfilmentId",
                principalTable: "Fulfilments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_FulfilmentRoutings_Fulfilments_FulfilmentId",
                table: "FulfilmentRoutings",
                column: "FulfilmentId",
                principalTable: "Fulfilments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ReturnLines_Returns_ReturnId",
                table: "ReturnLines",
                column: "ReturnId",
                principalTable: "Returns",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
