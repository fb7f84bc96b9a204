using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SubscriptionsWithoutOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_subscriptions_OrderLineId",
                table: "subscriptions");

            migrationBuilder.AlterColumn<Guid>(
                name: "OrderLineId",
                table: "subscriptions",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AlterColumn<Guid>(
                name: "OrderId",
                table: "subscriptions",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_OrderLineId",
                table: "subscriptions",
                column: "OrderLineId",
                unique: true,
                filter: "\"OrderLineId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_subscriptions_OrderLineId",
                table: "subscriptions");

            migrationBuilder.AlterColumn<Guid>(
                name: "OrderLineId",
                table: "subscriptions",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "OrderId",
                table: "subscriptions",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_OrderLineId",
                table: "subscriptions",
                column: "OrderLineId",
                unique: true);
        }
    }
}
