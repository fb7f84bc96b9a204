using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations;

/// <summary>Discount codes and their redemptions; the code a checkout session applied, and the code an order was paid
/// with (snapshotted with its duration for the renewals of recurring prices).</summary>
[DbContext(typeof(NumiDbContext))]
[Migration("20261125000100_DiscountCodes")]
public sealed class DiscountCodes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "discount_codes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                Code = table.Column<string>(maxLength: 40, nullable: false),
                CodeKey = table.Column<string>(maxLength: 40, nullable: false),
                PercentOff = table.Column<int>(nullable: true),
                AmountOff = table.Column<long>(nullable: true),
                Currency = table.Column<string>(maxLength: 3, nullable: true),
                Duration = table.Column<string>(maxLength: 20, nullable: false),
                DurationCycles = table.Column<int>(nullable: true),
                ProductIds = table.Column<string>(nullable: false),
                MaxRedemptions = table.Column<int>(nullable: true),
                OncePerCustomer = table.Column<bool>(nullable: false),
                ValidFrom = table.Column<DateTime>(nullable: true),
                ValidUntil = table.Column<DateTime>(nullable: true),
                Active = table.Column<bool>(nullable: false),
                TimesRedeemed = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_discount_codes", x => x.Id);
                table.ForeignKey("FK_discount_codes_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_discount_codes_OrganizationId_CodeKey", table: "discount_codes", columns: ["OrganizationId", "CodeKey"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_discount_codes_OrganizationId_CreatedAt", table: "discount_codes", columns: ["OrganizationId", "CreatedAt"]);

        migrationBuilder.CreateTable(
            name: "discount_redemptions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                DiscountCodeId = table.Column<Guid>(nullable: false),
                CheckoutSessionId = table.Column<Guid>(nullable: false),
                OrderId = table.Column<Guid>(nullable: true),
                CustomerKey = table.Column<string>(maxLength: 254, nullable: false),
                OnceKey = table.Column<string>(maxLength: 254, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_discount_redemptions", x => x.Id);
                table.ForeignKey("FK_discount_redemptions_discount_codes_DiscountCodeId", x => x.DiscountCodeId, "discount_codes", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_discount_redemptions_CheckoutSessionId", table: "discount_redemptions", column: "CheckoutSessionId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_discount_redemptions_DiscountCodeId_OnceKey", table: "discount_redemptions", columns: ["DiscountCodeId", "OnceKey"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_discount_redemptions_DiscountCodeId_CustomerKey", table: "discount_redemptions", columns: ["DiscountCodeId", "CustomerKey"]);

        migrationBuilder.AddColumn<Guid>(name: "DiscountCodeId", table: "checkout_sessions", nullable: true);
        migrationBuilder.AddColumn<Guid>(name: "DiscountCodeId", table: "orders", nullable: true);
        migrationBuilder.AddColumn<string>(name: "DiscountCode", table: "orders", maxLength: 40, nullable: true);
        migrationBuilder.AddColumn<string>(name: "DiscountDuration", table: "orders", maxLength: 20, nullable: true);
        migrationBuilder.AddColumn<int>(name: "DiscountDurationCycles", table: "orders", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "DiscountDurationCycles", table: "orders");
        migrationBuilder.DropColumn(name: "DiscountDuration", table: "orders");
        migrationBuilder.DropColumn(name: "DiscountCode", table: "orders");
        migrationBuilder.DropColumn(name: "DiscountCodeId", table: "orders");
        migrationBuilder.DropColumn(name: "DiscountCodeId", table: "checkout_sessions");
        migrationBuilder.DropTable(name: "discount_redemptions");
        migrationBuilder.DropTable(name: "discount_codes");
    }
}
