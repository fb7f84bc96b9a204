using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations;

/// <summary>Webhook events are processed in the background: attempts (the claim token), the next attempt's time, the
/// last error and the outcome; orders record a dispute.</summary>
[DbContext(typeof(NumiDbContext))]
[Migration("20261125000200_WebhookProcessing")]
public sealed class WebhookProcessing : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "Attempts", table: "webhook_events", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<DateTime>(name: "NextAttemptAt", table: "webhook_events", nullable: true);
        migrationBuilder.AddColumn<string>(name: "LastError", table: "webhook_events", maxLength: 500, nullable: true);
        migrationBuilder.AddColumn<string>(name: "Outcome", table: "webhook_events", maxLength: 500, nullable: true);

        migrationBuilder.AddColumn<string>(name: "DisputeId", table: "orders", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<long>(name: "DisputeAmount", table: "orders", nullable: true);
        migrationBuilder.AddColumn<string>(name: "DisputeReason", table: "orders", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "DisputedAt", table: "orders", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "DisputedAt", table: "orders");
        migrationBuilder.DropColumn(name: "DisputeReason", table: "orders");
        migrationBuilder.DropColumn(name: "DisputeAmount", table: "orders");
        migrationBuilder.DropColumn(name: "DisputeId", table: "orders");
        migrationBuilder.DropColumn(name: "Outcome", table: "webhook_events");
        migrationBuilder.DropColumn(name: "LastError", table: "webhook_events");
        migrationBuilder.DropColumn(name: "NextAttemptAt", table: "webhook_events");
        migrationBuilder.DropColumn(name: "Attempts", table: "webhook_events");
    }
}
