using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddInvoiceReceipts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "AttachmentContent",
                table: "outbox_messages",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentContentType",
                table: "outbox_messages",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentName",
                table: "outbox_messages",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReceiptSentAt",
                table: "invoices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_invoices_Status_PaidAt",
                table: "invoices",
                columns: new[] { "Status", "PaidAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_invoices_Status_PaidAt",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "AttachmentContent",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "AttachmentContentType",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "AttachmentName",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "ReceiptSentAt",
                table: "invoices");
        }
    }
}
