using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations;

/// <summary>The checkout issue, first part: checkout sessions, customers, orders and their lines, and received webhook events.</summary>
[DbContext(typeof(NumiDbContext))]
[Migration("20261124000000_Checkout")]
public sealed class Checkout : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "checkout_sessions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                OfferId = table.Column<Guid>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Selection = table.Column<string>(nullable: false),
                CustomerEmail = table.Column<string>(maxLength: 254, nullable: true),
                CustomerName = table.Column<string>(maxLength: 200, nullable: true),
                Details = table.Column<string>(nullable: false),
                AmountSubtotal = table.Column<long>(nullable: false),
                AmountTotal = table.Column<long>(nullable: false),
                PaymentAttempt = table.Column<int>(nullable: false),
                AttemptStartedAt = table.Column<DateTime>(nullable: true),
                LastDeclineCode = table.Column<string>(maxLength: 50, nullable: true),
                PendingPaymentIntent = table.Column<string>(maxLength: 100, nullable: true),
                OrderId = table.Column<Guid>(nullable: true),
                ParentOrderId = table.Column<Guid>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                CompletedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_checkout_sessions", x => x.Id);
                table.ForeignKey("FK_checkout_sessions_offers_OfferId", x => x.OfferId, "offers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "customers",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                Email = table.Column<string>(maxLength: 254, nullable: false),
                EmailKey = table.Column<string>(maxLength: 254, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: true),
                Phone = table.Column<string>(maxLength: 40, nullable: true),
                DefaultPaymentMethod = table.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_customers", x => x.Id);
                table.ForeignKey("FK_customers_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "orders",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                Number = table.Column<int>(nullable: false),
                CheckoutSessionId = table.Column<Guid>(nullable: false),
                OfferId = table.Column<Guid>(nullable: false),
                CustomerId = table.Column<Guid>(nullable: false),
                ParentOrderId = table.Column<Guid>(nullable: true),
                Status = table.Column<string>(maxLength: 30, nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                AmountSubtotal = table.Column<long>(nullable: false),
                AmountTotal = table.Column<long>(nullable: false),
                AmountRefunded = table.Column<long>(nullable: false),
                PaymentIntentId = table.Column<string>(maxLength: 100, nullable: false),
                PaymentMethod = table.Column<string>(maxLength: 100, nullable: true),
                CardBrand = table.Column<string>(maxLength: 30, nullable: true),
                CardLast4 = table.Column<string>(maxLength: 4, nullable: true),
                Details = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_orders", x => x.Id);
                table.ForeignKey("FK_orders_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_orders_checkout_sessions_CheckoutSessionId", x => x.CheckoutSessionId, "checkout_sessions", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_orders_customers_CustomerId", x => x.CustomerId, "customers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "order_lines",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                SlotKey = table.Column<string>(maxLength: 40, nullable: false),
                ProductId = table.Column<Guid>(nullable: false),
                PriceId = table.Column<Guid>(nullable: false),
                Description = table.Column<string>(maxLength: 200, nullable: false),
                PriceSummary = table.Column<string>(maxLength: 200, nullable: false),
                Quantity = table.Column<int>(nullable: false),
                Amount = table.Column<long>(nullable: false),
                Recurring = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_order_lines", x => x.Id);
                table.ForeignKey("FK_order_lines_orders_OrderId", x => x.OrderId, "orders", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "refunds",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                OrderId = table.Column<Guid>(nullable: false),
                Amount = table.Column<long>(nullable: false),
                Reason = table.Column<string>(maxLength: 200, nullable: true),
                GatewayRefundId = table.Column<string>(maxLength: 100, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_refunds", x => x.Id);
                table.ForeignKey("FK_refunds_orders_OrderId", x => x.OrderId, "orders", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_refunds_GatewayRefundId", table: "refunds", column: "GatewayRefundId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_refunds_OrderId", table: "refunds", column: "OrderId");
        migrationBuilder.CreateIndex(name: "IX_refunds_OrganizationId", table: "refunds", column: "OrganizationId");

        migrationBuilder.CreateTable(
            name: "webhook_events",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                Provider = table.Column<string>(maxLength: 20, nullable: false),
                EventId = table.Column<string>(maxLength: 100, nullable: false),
                Type = table.Column<string>(maxLength: 100, nullable: false),
                Payload = table.Column<string>(nullable: false),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                ProcessedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_webhook_events", x => x.Id);
                table.ForeignKey("FK_webhook_events_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_webhook_events_OrganizationId_Provider_EventId", table: "webhook_events", columns: new[] { "OrganizationId", "Provider", "EventId" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_webhook_events_ProcessedAt_ReceivedAt", table: "webhook_events", columns: new[] { "ProcessedAt", "ReceivedAt" });

        migrationBuilder.CreateIndex(name: "IX_checkout_sessions_OrganizationId_CreatedAt", table: "checkout_sessions", columns: new[] { "OrganizationId", "CreatedAt" });
        migrationBuilder.CreateIndex(name: "IX_checkout_sessions_Status_ExpiresAt", table: "checkout_sessions", columns: new[] { "Status", "ExpiresAt" });
        migrationBuilder.CreateIndex(name: "IX_checkout_sessions_OfferId", table: "checkout_sessions", column: "OfferId");
        migrationBuilder.CreateIndex(name: "IX_checkout_sessions_ParentOrderId", table: "checkout_sessions", column: "ParentOrderId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_orders_ParentOrderId", table: "orders", column: "ParentOrderId");
        migrationBuilder.AddColumn<Guid>(name: "UpsellOfferId", table: "offers", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_customers_OrganizationId_EmailKey", table: "customers", columns: new[] { "OrganizationId", "EmailKey" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_orders_CheckoutSessionId", table: "orders", column: "CheckoutSessionId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_orders_PaymentIntentId", table: "orders", column: "PaymentIntentId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_orders_OrganizationId_Number", table: "orders", columns: new[] { "OrganizationId", "Number" }, unique: true);
        migrationBuilder.CreateIndex(name: "IX_orders_OrganizationId_CreatedAt", table: "orders", columns: new[] { "OrganizationId", "CreatedAt" });
        migrationBuilder.CreateIndex(name: "IX_orders_CustomerId", table: "orders", column: "CustomerId");
        migrationBuilder.CreateIndex(name: "IX_order_lines_OrderId", table: "order_lines", column: "OrderId");
        migrationBuilder.CreateIndex(name: "IX_order_lines_OrganizationId", table: "order_lines", column: "OrganizationId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "UpsellOfferId", table: "offers");
        migrationBuilder.DropTable(name: "webhook_events");
        migrationBuilder.DropTable(name: "refunds");
        migrationBuilder.DropTable(name: "order_lines");
        migrationBuilder.DropTable(name: "orders");
        migrationBuilder.DropTable(name: "customers");
        migrationBuilder.DropTable(name: "checkout_sessions");
    }
}
