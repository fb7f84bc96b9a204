using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations;

/// <summary>The hash of the secret cookie of the browser a checkout session is bound to. Sessions made before this
/// migration have none: an open one is bound to the next browser that opens its page, a paid one to none (its upsell
/// can no longer be accepted).</summary>
[DbContext(typeof(NumiDbContext))]
[Migration("20261127000000_CheckoutBrowserBinding")]
public sealed class CheckoutBrowserBinding : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "BrowserKeyHash", table: "checkout_sessions", maxLength: 64, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "BrowserKeyHash", table: "checkout_sessions");
}
