using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddDunningMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SubscriptionId",
                table: "portal_sign_in_tokens",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "outbox_messages",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Email");

            migrationBuilder.CreateTable(
                name: "dunning_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    InvoiceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Day = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    ClaimedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SentAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true, collation: "Latin1_General_100_BIN2")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dunning_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dunning_messages_invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_portal_sign_in_tokens_SubscriptionId",
                table: "portal_sign_in_tokens",
                column: "SubscriptionId");

            migrationBuilder.CreateIndex(
                name: "IX_dunning_messages_InvoiceId_Day",
                table: "dunning_messages",
                columns: new[] { "InvoiceId", "Day" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_portal_sign_in_tokens_subscriptions_SubscriptionId",
                table: "portal_sign_in_tokens",
                column: "SubscriptionId",
                principalTable: "subscriptions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_portal_sign_in_tokens_subscriptions_SubscriptionId",
                table: "portal_sign_in_tokens");

            migrationBuilder.DropTable(
                name: "dunning_messages");

            migrationBuilder.DropIndex(
                name: "IX_portal_sign_in_tokens_SubscriptionId",
                table: "portal_sign_in_tokens");

            migrationBuilder.DropColumn(
                name: "SubscriptionId",
                table: "portal_sign_in_tokens");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "outbox_messages");
        }
    }
}
