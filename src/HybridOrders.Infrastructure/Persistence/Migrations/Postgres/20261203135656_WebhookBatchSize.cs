using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HybridOrders.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WebhookBatchSize : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BatchSize",
                table: "WebhookSubscriptions",
                type: "integer",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BatchSize",
                table: "WebhookSubscriptions");
        }
    }
}
