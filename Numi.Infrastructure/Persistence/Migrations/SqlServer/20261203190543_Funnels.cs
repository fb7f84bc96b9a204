using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Funnels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FunnelId",
                table: "orders",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FunnelVariant",
                table: "orders",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<Guid>(
                name: "FunnelVersionId",
                table: "orders",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "funnel_draft_history",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FunnelId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    Snapshot = table.Column<string>(type: "nvarchar(max)", nullable: false, collation: "Latin1_General_100_BIN2"),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_draft_history", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "funnel_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FunnelId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FunnelVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FunnelSessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StepKey = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false, collation: "Latin1_General_100_BIN2"),
                    VariantKey = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true, collation: "Latin1_General_100_BIN2"),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: true),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: true, collation: "Latin1_General_100_BIN2"),
                    OccurredAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "funnel_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FunnelId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FunnelVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    VisitorId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false, collation: "Latin1_General_100_BIN2"),
                    CurrentStepKey = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Variants = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CheckoutSessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OrderId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    EventCount = table.Column<int>(type: "int", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "funnel_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FunnelId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Key = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Type = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false, collation: "Latin1_General_100_BIN2"),
                    SortOrder = table.Column<int>(type: "int", nullable: false),
                    OfferId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OfferIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Blocks = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Variants = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ControlWeight = table.Column<int>(type: "int", nullable: false),
                    Test = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_steps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "funnel_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FunnelId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    Snapshot = table.Column<string>(type: "nvarchar(max)", nullable: false, collation: "Latin1_General_100_BIN2"),
                    PublishedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "funnels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(120)", maxLength: 120, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Slug = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    PublishedVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    HasUnpublishedChanges = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_funnels_funnel_versions_PublishedVersionId",
                        column: x => x.PublishedVersionId,
                        principalTable: "funnel_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_funnels_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_orders_FunnelId_CreatedAt",
                table: "orders",
                columns: new[] { "FunnelId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_funnel_draft_history_FunnelId_Revision",
                table: "funnel_draft_history",
                columns: new[] { "FunnelId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funnel_draft_history_OrganizationId",
                table: "funnel_draft_history",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_funnel_events_FunnelId_Kind_StepKey_VariantKey",
                table: "funnel_events",
                columns: new[] { "FunnelId", "Kind", "StepKey", "VariantKey" });

            migrationBuilder.CreateIndex(
                name: "IX_funnel_events_FunnelId_OccurredAt",
                table: "funnel_events",
                columns: new[] { "FunnelId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_funnel_events_FunnelSessionId",
                table: "funnel_events",
                column: "FunnelSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_funnel_events_OrganizationId",
                table: "funnel_events",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_funnel_sessions_FunnelId_StartedAt",
                table: "funnel_sessions",
                columns: new[] { "FunnelId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_funnel_sessions_FunnelVersionId",
                table: "funnel_sessions",
                column: "FunnelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_funnel_sessions_OrganizationId",
                table: "funnel_sessions",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_funnel_steps_FunnelId_Key",
                table: "funnel_steps",
                columns: new[] { "FunnelId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funnel_steps_OrganizationId",
                table: "funnel_steps",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_funnel_versions_FunnelId_Number",
                table: "funnel_versions",
                columns: new[] { "FunnelId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funnel_versions_OrganizationId",
                table: "funnel_versions",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_funnels_OrganizationId_CreatedAt",
                table: "funnels",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_funnels_OrganizationId_Slug",
                table: "funnels",
                columns: new[] { "OrganizationId", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_funnels_PublishedVersionId",
                table: "funnels",
                column: "PublishedVersionId");

            migrationBuilder.AddForeignKey(
                name: "FK_funnel_draft_history_funnels_FunnelId",
                table: "funnel_draft_history",
                column: "FunnelId",
                principalTable: "funnels",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_funnel_events_funnel_sessions_FunnelSessionId",
                table: "funnel_events",
                column: "FunnelSessionId",
                principalTable: "funnel_sessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_funnel_sessions_funnel_versions_FunnelVersionId",
                table: "funnel_sessions",
                column: "FunnelVersionId",
                principalTable: "funnel_versions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_funnel_sessions_funnels_FunnelId",
                table: "funnel_sessions",
                column: "FunnelId",
                principalTable: "funnels",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_funnel_steps_funnels_FunnelId",
                table: "funnel_steps",
                column: "FunnelId",
                principalTable: "funnels",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_funnel_versions_funnels_FunnelId",
                table: "funnel_versions",
                column: "FunnelId",
                principalTable: "funnels",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_funnel_versions_funnels_FunnelId",
                table: "funnel_versions");

            migrationBuilder.DropTable(
                name: "funnel_draft_history");

            migrationBuilder.DropTable(
                name: "funnel_events");

            migrationBuilder.DropTable(
                name: "funnel_steps");

            migrationBuilder.DropTable(
                name: "funnel_sessions");

            migrationBuilder.DropTable(
                name: "funnels");

            migrationBuilder.DropTable(
                name: "funnel_versions");

            migrationBuilder.DropIndex(
                name: "IX_orders_FunnelId_CreatedAt",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "FunnelId",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "FunnelVariant",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "FunnelVersionId",
                table: "orders");
        }
    }
}
