using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations;

/// <summary>On each checkout session the name and percentage of the rate its tax was last computed at, so the API can
/// say which rate <c>amount_tax</c> comes from. Sessions priced before this migration have none until priced again.</summary>
[DbContext(typeof(NumiDbContext))]
[Migration("20261126000000_CheckoutSessionTax")]
public sealed class CheckoutSessionTax : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "TaxName", table: "checkout_sessions", maxLength: 50, nullable: true);
        migrationBuilder.AddColumn<int>(name: "TaxRatePpm", table: "checkout_sessions", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "TaxRatePpm", table: "checkout_sessions");
        migrationBuilder.DropColumn(name: "TaxName", table: "checkout_sessions");
    }
}
