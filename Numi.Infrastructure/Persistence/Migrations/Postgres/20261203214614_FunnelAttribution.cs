using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FunnelAttribution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_checkout_sessions_ParentOrderId",
                table: "checkout_sessions");

            migrationBuilder.AddColumn<Guid>(
                name: "ChosenOfferId",
                table: "funnel_sessions",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_funnel_sessions_CheckoutSessionId",
                table: "funnel_sessions",
                column: "CheckoutSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_funnel_sessions_OrderId",
                table: "funnel_sessions",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_checkout_sessions_ParentOrderId_OfferId",
                table: "checkout_sessions",
                columns: new[] { "ParentOrderId", "OfferId" },
                unique: true,
                filter: "\"ParentOrderId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_funnel_sessions_CheckoutSessionId",
                table: "funnel_sessions");

            migrationBuilder.DropIndex(
                name: "IX_funnel_sessions_OrderId",
                table: "funnel_sessions");

            migrationBuilder.DropIndex(
                name: "IX_checkout_sessions_ParentOrderId_OfferId",
                table: "checkout_sessions");

            migrationBuilder.DropColumn(
                name: "ChosenOfferId",
                table: "funnel_sessions");

            migrationBuilder.CreateIndex(
                name: "IX_checkout_sessions_ParentOrderId",
                table: "checkout_sessions",
                column: "ParentOrderId",
                unique: true,
                filter: "\"ParentOrderId\" IS NOT NULL");
        }
    }
}
