using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FunnelAnalyticsRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_funnel_events_FunnelId_Kind_StepKey_VariantKey",
                table: "funnel_events");

            migrationBuilder.CreateTable(
                name: "funnel_daily_revenue",
                columns: table => new
                {
                    FunnelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StepKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ArmKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_daily_revenue", x => new { x.FunnelId, x.Day, x.StepKey, x.ArmKey, x.Currency });
                    table.ForeignKey(
                        name: "FK_funnel_daily_revenue_funnels_FunnelId",
                        column: x => x.FunnelId,
                        principalTable: "funnels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funnel_daily_sessions",
                columns: table => new
                {
                    FunnelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    StepKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ArmKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sessions = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_daily_sessions", x => new { x.FunnelId, x.Day, x.Kind, x.StepKey, x.ArmKey });
                    table.ForeignKey(
                        name: "FK_funnel_daily_sessions_funnels_FunnelId",
                        column: x => x.FunnelId,
                        principalTable: "funnels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "funnel_session_firsts",
                columns: table => new
                {
                    FunnelSessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    StepKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ArmKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FunnelId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_session_firsts", x => new { x.FunnelSessionId, x.Kind, x.StepKey, x.ArmKey });
                    table.ForeignKey(
                        name: "FK_funnel_session_firsts_funnel_sessions_FunnelSessionId",
                        column: x => x.FunnelSessionId,
                        principalTable: "funnel_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_funnel_daily_revenue_OrganizationId",
                table: "funnel_daily_revenue",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_funnel_daily_sessions_OrganizationId",
                table: "funnel_daily_sessions",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "funnel_daily_revenue");

            migrationBuilder.DropTable(
                name: "funnel_daily_sessions");

            migrationBuilder.DropTable(
                name: "funnel_session_firsts");

            migrationBuilder.CreateIndex(
                name: "IX_funnel_events_FunnelId_Kind_StepKey_VariantKey",
                table: "funnel_events",
                columns: new[] { "FunnelId", "Kind", "StepKey", "VariantKey" });
        }
    }
}
