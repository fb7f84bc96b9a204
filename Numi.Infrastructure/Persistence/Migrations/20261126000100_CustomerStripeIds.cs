using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations;

/// <summary>Each customer's one Stripe customer, so concurrent checkouts of one shopper never make two.</summary>
[DbContext(typeof(NumiDbContext))]
[Migration("20261126000100_CustomerStripeIds")]
public sealed class CustomerStripeIds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "StripeCustomerId", table: "customers", maxLength: 255, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "StripeCustomerId", table: "customers");
}
