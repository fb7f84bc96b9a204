using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentContentType",
                table: "outbox_messages",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentName",
                table: "outbox_messages",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReceiptSentAt",
                table: "invoices",
                type: "TEXT",
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
