using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations;

/// <summary>Subscriptions started by the recurring lines of paid orders, one per line.</summary>
[DbContext(typeof(NumiDbContext))]
[Migration("20261125000250_Subscriptions")]
public sealed class Subscriptions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "subscriptions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                OrderLineId = table.Column<Guid>(nullable: false),
                PriceId = table.Column<Guid>(nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                Description = table.Column<string>(maxLength: 200, nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Quantity = table.Column<int>(nullable: false),
                Amount = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Interval = table.Column<string>(maxLength: 10, nullable: false),
                IntervalCount = table.Column<int>(nullable: false),
                CancelAfterCycles = table.Column<int>(nullable: true),
                CyclesPaid = table.Column<int>(nullable: false),
                BillingAnchor = table.Column<DateTime>(nullable: false),
                CurrentPeriodStart = table.Column<DateTime>(nullable: false),
                CurrentPeriodEnd = table.Column<DateTime>(nullable: false),
                PaymentMethod = table.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_subscriptions", x => x.Id);
                table.ForeignKey("FK_subscriptions_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_subscriptions_orders_OrderId", x => x.OrderId, "orders", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_subscriptions_order_lines_OrderLineId", x => x.OrderLineId, "order_lines", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_subscriptions_customers_CustomerId", x => x.CustomerId, "customers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_subscriptions_OrderLineId", table: "subscriptions", column: "OrderLineId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_subscriptions_OrderId", table: "subscriptions", column: "OrderId");
        migrationBuilder.CreateIndex(name: "IX_subscriptions_CustomerId", table: "subscriptions", column: "CustomerId");
        migrationBuilder.CreateIndex(name: "IX_subscriptions_OrganizationId_CreatedAt", table: "subscriptions", columns: new[] { "OrganizationId", "CreatedAt" });
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "subscriptions");
}
