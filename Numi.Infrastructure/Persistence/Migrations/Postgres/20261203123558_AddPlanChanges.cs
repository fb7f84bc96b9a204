using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddPlanChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_invoices_SubscriptionId_PeriodStart",
                table: "invoices");

            migrationBuilder.AddColumn<long>(
                name: "CreditBalance",
                table: "subscriptions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "AmountCreditApplied",
                table: "invoices",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "invoices",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Renewal");

            migrationBuilder.CreateIndex(
                name: "IX_invoices_SubscriptionId_Kind_PeriodStart",
                table: "invoices",
                columns: new[] { "SubscriptionId", "Kind", "PeriodStart" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_invoices_SubscriptionId_Kind_PeriodStart",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "CreditBalance",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "AmountCreditApplied",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "invoices");

            migrationBuilder.CreateIndex(
                name: "IX_invoices_SubscriptionId_PeriodStart",
                table: "invoices",
                columns: new[] { "SubscriptionId", "PeriodStart" },
                unique: true);
        }
    }
}
