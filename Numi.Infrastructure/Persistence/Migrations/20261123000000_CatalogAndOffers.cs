using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations;

/// <summary>The catalog issue: products gain a type, a lookup key, gateway ids and an image; prices, offers,
/// offer slots and their price options arrive. Written without store types so it serves SQLite and PostgreSQL.</summary>
[DbContext(typeof(NumiDbContext))]
[Migration("20261123000000_CatalogAndOffers")]
public sealed class CatalogAndOffers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Existing products become standard ones. PostgreSQL then drops the default so the column matches the
        // model; SQLite cannot alter a column and keeps it (harmless: Numi always writes the type).
        migrationBuilder.AddColumn<string>(name: "Type", table: "products", maxLength: 20, nullable: false, defaultValue: "Standard");
        if (migrationBuilder.IsNpgsql())
            migrationBuilder.AlterColumn<string>(name: "Type", table: "products", maxLength: 20, nullable: false,
            oldClrType: typeof(string), oldMaxLength: 20, oldDefaultValue: "Standard");
        migrationBuilder.AddColumn<string>(name: "LookupKey", table: "products", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "ArchivedAt", table: "products", nullable: true);
        migrationBuilder.AddColumn<string>(name: "GatewayProvider", table: "products", maxLength: 20, nullable: true);
        migrationBuilder.AddColumn<string>(name: "GatewayProductId", table: "products", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<string>(name: "ImageVersion", table: "products", maxLength: 40, nullable: true);
        migrationBuilder.CreateIndex(name: "IX_products_OrganizationId_LookupKey", table: "products",
            columns: new[] { "OrganizationId", "LookupKey" }, unique: true);

        migrationBuilder.CreateTable(
            name: "product_images",
            columns: table => new
            {
                ProductId = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                ContentType = table.Column<string>(maxLength: 40, nullable: false),
                Content = table.Column<byte[]>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_product_images", x => x.ProductId);
                table.ForeignKey("FK_product_images_products_ProductId", x => x.ProductId, "products", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "prices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                Nickname = table.Column<string>(maxLength: 100, nullable: true),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Type = table.Column<string>(maxLength: 20, nullable: false),
                Interval = table.Column<string>(maxLength: 10, nullable: true),
                IntervalCount = table.Column<int>(nullable: true),
                CancelAfterCycles = table.Column<int>(nullable: true),
                BillingScheme = table.Column<string>(maxLength: 20, nullable: false),
                UnitAmount = table.Column<long>(nullable: true),
                PackageSize = table.Column<long>(nullable: true),
                TiersMode = table.Column<string>(maxLength: 20, nullable: true),
                Tiers = table.Column<string>(nullable: false),
                Scope = table.Column<string>(maxLength: 10, nullable: false),
                ParentPriceId = table.Column<Guid>(nullable: true),
                Active = table.Column<bool>(nullable: false),
                ArchivedAt = table.Column<DateTime>(nullable: true),
                ReplacedByPriceId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_prices", x => x.Id);
                table.ForeignKey("FK_prices_products_ProductId", x => x.ProductId, "products", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_prices_prices_ParentPriceId", x => x.ParentPriceId, "prices", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "offers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 120, nullable: false),
                Slug = table.Column<string>(maxLength: 40, nullable: false),
                Description = table.Column<string>(maxLength: 2000, nullable: true),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Design = table.Column<string>(nullable: false),
                Payment = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                PublishedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_offers", x => x.Id);
                table.ForeignKey("FK_offers_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "offer_slots",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                OfferId = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 40, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Required = table.Column<bool>(nullable: false),
                SortOrder = table.Column<int>(nullable: false),
                DefaultPriceId = table.Column<Guid>(nullable: false),
                QuantityDefault = table.Column<int>(nullable: false),
                QuantityMin = table.Column<int>(nullable: false),
                QuantityMax = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_offer_slots", x => x.Id);
                table.ForeignKey("FK_offer_slots_offers_OfferId", x => x.OfferId, "offers", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_offer_slots_prices_DefaultPriceId", x => x.DefaultPriceId, "prices", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "offer_slot_options",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                SlotId = table.Column<Guid>(nullable: false),
                PriceId = table.Column<Guid>(nullable: false),
                Label = table.Column<string>(maxLength: 60, nullable: true),
                SortOrder = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_offer_slot_options", x => x.Id);
                table.ForeignKey("FK_offer_slot_options_offer_slots_SlotId", x => x.SlotId, "offer_slots", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_offer_slot_options_prices_PriceId", x => x.PriceId, "prices", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(name: "IX_prices_OrganizationId_ProductId", table: "prices", columns: new[] { "OrganizationId", "ProductId" });
        migrationBuilder.CreateIndex(name: "IX_prices_ProductId", table: "prices", column: "ProductId");
        migrationBuilder.CreateIndex(name: "IX_prices_ParentPriceId", table: "prices", column: "ParentPriceId");
        migrationBuilder.CreateIndex(name: "IX_offers_OrganizationId_Slug", table: "offers", columns: new[] { "OrganizationId", "Slug" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_offers_OrganizationId_CreatedAt", table: "offers", columns: new[] { "OrganizationId", "CreatedAt" });
        migrationBuilder.CreateIndex(name: "IX_offer_slots_OfferId_Key", table: "offer_slots", columns: new[] { "OfferId", "Key" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_offer_slots_OrganizationId", table: "offer_slots", column: "OrganizationId");
        migrationBuilder.CreateIndex(name: "IX_offer_slots_DefaultPriceId", table: "offer_slots", column: "DefaultPriceId");
        migrationBuilder.CreateIndex(name: "IX_offer_slot_options_SlotId_PriceId", table: "offer_slot_options", columns: new[] { "SlotId", "PriceId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_offer_slot_options_PriceId", table: "offer_slot_options", column: "PriceId");
        migrationBuilder.CreateIndex(name: "IX_offer_slot_options_OrganizationId", table: "offer_slot_options", column: "OrganizationId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "offer_slot_options");
        migrationBuilder.DropTable(name: "offer_slots");
        migrationBuilder.DropTable(name: "offers");
        migrationBuilder.DropTable(name: "prices");
        migrationBuilder.DropTable(name: "product_images");
        migrationBuilder.DropIndex(name: "IX_products_OrganizationId_LookupKey", table: "products");
        foreach (var column in new[] { "Type", "LookupKey", "ArchivedAt", "GatewayProvider", "GatewayProductId", "ImageVersion" })
            migrationBuilder.DropColumn(name: column, table: "products");
    }
}
