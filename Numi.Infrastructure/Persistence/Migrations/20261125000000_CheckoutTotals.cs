using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Numi.Infrastructure.Persistence.Migrations;

/// <summary>Checkout sessions and orders keep their discount and tax amounts beside the subtotal and total.</summary>
[DbContext(typeof(NumiDbContext))]
[Migration("20261125000000_CheckoutTotals")]
public sealed class CheckoutTotals : Migration
{
    private static readonly string[] Tables = ["checkout_sessions", "orders"];
    private static readonly string[] Columns = ["AmountDiscount", "AmountTax"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
            foreach (var column in Columns)
            {
                // Rows made before this migration had neither: zero. New rows always say, so the default goes again
                // where the database can drop it (SQLite cannot alter a column).
                migrationBuilder.AddColumn<long>(name: column, table: table, nullable: false, defaultValue: 0L);
                if (migrationBuilder.IsNpgsql())
                    migrationBuilder.AlterColumn<long>(name: column, table: table, nullable: false, oldClrType: typeof(long), oldDefaultValue: 0L);
            }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
            foreach (var column in Columns)
                migrationBuilder.DropColumn(name: column, table: table);
    }
}
