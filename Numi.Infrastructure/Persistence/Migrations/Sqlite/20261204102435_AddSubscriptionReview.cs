using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSubscriptionReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReviewReason",
                table: "subscriptions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewRequestedAt",
                table: "subscriptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SaveFlowStartedAt",
                table: "subscriptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_OrganizationId_ReviewRequestedAt",
                table: "subscriptions",
                columns: new[] { "OrganizationId", "ReviewRequestedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_subscriptions_OrganizationId_ReviewRequestedAt",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "ReviewReason",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "ReviewRequestedAt",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "SaveFlowStartedAt",
                table: "subscriptions");
        }
    }
}
