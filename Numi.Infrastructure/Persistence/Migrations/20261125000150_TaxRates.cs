using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations;

/// <summary>Tax: the merchant's rates by country and region, customers marked tax-exempt, and on each order the name
/// and percentage of the rate it was taxed at.</summary>
[DbContext(typeof(NumiDbContext))]
[Migration("20261125000150_TaxRates")]
public sealed class TaxRates : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "tax_rates",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                DisplayName = table.Column<string>(maxLength: 50, nullable: false),
                Country = table.Column<string>(maxLength: 2, nullable: false),
                Region = table.Column<string>(maxLength: 3, nullable: true),
                RatePpm = table.Column<int>(nullable: false),
                Inclusive = table.Column<bool>(nullable: false),
                Active = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_tax_rates", x => x.Id);
                table.ForeignKey("FK_tax_rates_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_tax_rates_OrganizationId_Country", table: "tax_rates", columns: new[] { "OrganizationId", "Country" });

        // Customers before this migration were not exempt; new rows always say, so the default goes where the
        // database can drop it (SQLite cannot alter a column).
        migrationBuilder.AddColumn<bool>(name: "TaxExempt", table: "customers", nullable: false, defaultValue: false);
        if (migrationBuilder.IsNpgsql())
            migrationBuilder.AlterColumn<bool>(name: "TaxExempt", table: "customers", nullable: false, oldClrType: typeof(bool), oldDefaultValue: false);

        migrationBuilder.AddColumn<string>(name: "TaxName", table: "orders", maxLength: 50, nullable: true);
        migrationBuilder.AddColumn<int>(name: "TaxRatePpm", table: "orders", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "TaxRatePpm", table: "orders");
        migrationBuilder.DropColumn(name: "TaxName", table: "orders");
        migrationBuilder.DropColumn(name: "TaxExempt", table: "customers");
        migrationBuilder.DropTable(name: "tax_rates");
    }
}
