using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations.SqlServer
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
                type: "varbinary(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentContentType",
                table: "outbox_messages",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<string>(
                name: "AttachmentName",
                table: "outbox_messages",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReceiptSentAt",
                table: "invoices",
                type: "datetime2",
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
