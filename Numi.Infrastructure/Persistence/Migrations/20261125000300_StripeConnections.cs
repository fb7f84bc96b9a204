using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations;

/// <summary>Each organization's own Stripe account: its keys and webhook signing secrets, encrypted with Data Protection.</summary>
[DbContext(typeof(NumiDbContext))]
[Migration("20261125000300_StripeConnections")]
public sealed class StripeConnections : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "stripe_connections",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganizationId = table.Column<Guid>(nullable: false),
                Mode = table.Column<string>(maxLength: 10, nullable: false),
                ProtectedSecretKey = table.Column<string>(maxLength: 2000, nullable: false),
                SecretKeyHint = table.Column<string>(maxLength: 30, nullable: false),
                PublishableKey = table.Column<string>(maxLength: 255, nullable: false),
                ProtectedWebhookSecrets = table.Column<string>(maxLength: 4000, nullable: false),
                WebhookSecretHints = table.Column<string>(maxLength: 200, nullable: false),
                ConnectedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_stripe_connections", x => x.Id);
                table.ForeignKey("FK_stripe_connections_organizations_OrganizationId", x => x.OrganizationId, "organizations", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_stripe_connections_OrganizationId", table: "stripe_connections", column: "OrganizationId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "stripe_connections");
}
