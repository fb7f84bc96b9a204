using System.Data;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Numi.Core.Checkout;
using Numi.Core.Funnels;
using Numi.Core.Orders;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Checkout;

/// <summary>The read of a paid session its thank-you page may come from a template for (<see cref="CheckoutPageTemplates"/>):
/// one plain command, as <see cref="TemplateSessionRead"/>'s, reading the session, its organization's name and slug, its
/// order with its lines, and whether an upsell followed the order or a funnel opened the checkout (the page then shows
/// that upsell's order, or sends the shopper back to the funnel: those are always rendered). Across organizations by
/// the session's unguessable id, as the page's own read is; the order must be the session's organization's.</summary>
public sealed class ThankYouRead
{
    /// <summary>A paid session's thank-you page as a template needs it. <see cref="State"/> is what the page shows but for
    /// the session's id, the order's number and the receipt email, as raw column values (the order's amounts, currency,
    /// discount and tax, its lines, what decides whether its upsell may follow it, the organization's name and slug);
    /// null when an upsell's order followed it or a funnel opened the checkout.</summary>
    /// <param name="Browser">The session was opened in a browser (it has a browser key): only then is an upsell offered.</param>
    /// <param name="PaymentMethod">The order kept its payment method, which an upsell charges.</param>
    public sealed record Row(Guid Id, Guid OrganizationId, Guid OfferId, Guid OrderId, int Number, string? Email, bool Browser, bool PaymentMethod,
        DateTime OrderedAt, string? State);

    private sealed record Query(DbProviderFactory Factory, string ConnectionString, string Sql, RelationalTypeMapping IdMapping, string ParameterName);

    /// <summary>The order's columns the page shows (<see cref="Numi.Web.Features.Checkout.SummaryTotals"/>) or the upsell's
    /// offer is decided by (<see cref="AcceptUpsellHandler.CanFollow"/>).</summary>
    private static readonly string[] OrderShown =
    [
        nameof(Order.Currency), nameof(Order.AmountSubtotal), nameof(Order.AmountDiscount), nameof(Order.DiscountCode), nameof(Order.AmountTax),
        nameof(Order.TaxName), nameof(Order.TaxRatePpm), nameof(Order.AmountTotal), nameof(Order.Status), nameof(Order.Details),
    ];

    /// <summary>Where the state's columns start: after the session's id, organization, offer, email and browser key, the
    /// order's id, number, time and payment method, and the counts of upsell orders and funnel sessions.</summary>
    private const int StateFrom = 11;

    private Query? _query;

    /// <summary>Null when the session is not paid (or does not exist).</summary>
    public async Task<Row?> ReadAsync(HttpContext http, Guid sessionId, CancellationToken ct)
    {
        var query = _query ??= Build(http.RequestServices.GetRequiredService<NumiDbContext>());
        await using var connection = await TemplateSessionRead.OpenAsync(query.Factory, query.ConnectionString, ct);
        await using var command = TemplateSessionRead.Command(connection, query.Sql, query.IdMapping, query.ParameterName, sessionId);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleResult, ct);
        if (!await reader.ReadAsync(ct)) return null;
        var state = new StringBuilder("paid:");
        for (var i = StateFrom; i < reader.FieldCount - 3; i++) TemplateSessionRead.Append(state, reader.GetValue(i));
        var followed = Convert.ToInt64(reader.GetValue(9)) > 0 || Convert.ToInt64(reader.GetValue(10)) > 0;
        var row = new Row(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetGuid(5), reader.GetInt32(6),
            reader.IsDBNull(3) ? null : reader.GetString(3), !reader.IsDBNull(4), !reader.IsDBNull(8),
            DateTime.SpecifyKind(reader.GetDateTime(7), DateTimeKind.Utc), null);
        do
        {
            state.Append('|');
            for (var i = reader.FieldCount - 3; i < reader.FieldCount; i++) TemplateSessionRead.Append(state, reader.GetValue(i));
        }
        while (await reader.ReadAsync(ct));
        return followed ? row : row with { State = state.ToString() };
    }

    private static Query Build(NumiDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var (session, sessionTable) = TemplateSessionRead.Table(db.Model, typeof(CheckoutSession));
        var (organization, organizationTable) = TemplateSessionRead.Table(db.Model, typeof(Organization));
        var (order, orderTable) = TemplateSessionRead.Table(db.Model, typeof(Order));
        var (line, lineTable) = TemplateSessionRead.Table(db.Model, typeof(OrderLine));
        var (funnel, funnelTable) = TemplateSessionRead.Table(db.Model, typeof(FunnelSession));
        string S(string property) => TemplateSessionRead.Column(sql, session, sessionTable, "s", property);
        string O(string property) => TemplateSessionRead.Column(sql, order, orderTable, "o", property);
        string L(string property) => TemplateSessionRead.Column(sql, line, lineTable, "l", property);
        string Name(StoreObjectIdentifier table) => sql.DelimitIdentifier(table.Name, table.Schema);
        string[] columns =
        [
            S(nameof(CheckoutSession.Id)), S(nameof(CheckoutSession.OrganizationId)), S(nameof(CheckoutSession.OfferId)), S(nameof(CheckoutSession.CustomerEmail)),
            S(nameof(CheckoutSession.BrowserKeyHash)), O(nameof(Order.Id)), O(nameof(Order.Number)), O(nameof(Order.CreatedAt)), O(nameof(Order.PaymentMethod)),
            $"(SELECT COUNT(*) FROM {Name(orderTable)} AS u WHERE {TemplateSessionRead.Column(sql, order, orderTable, "u", nameof(Order.ParentOrderId))} = {O(nameof(Order.Id))})",
            $"(SELECT COUNT(*) FROM {Name(funnelTable)} AS f WHERE {TemplateSessionRead.Column(sql, funnel, funnelTable, "f", nameof(FunnelSession.CheckoutSessionId))} = {S(nameof(CheckoutSession.Id))})",
            .. OrderShown.Select(O),
            TemplateSessionRead.Column(sql, organization, organizationTable, "g", nameof(Organization.Name)),
            TemplateSessionRead.Column(sql, organization, organizationTable, "g", nameof(Organization.Slug)),
            L(nameof(OrderLine.Description)), L(nameof(OrderLine.Quantity)), L(nameof(OrderLine.Amount)),
        ];
        // The lines in the order the page's read (an Include) returns them: by their key.
        var text = $"SELECT {string.Join(", ", columns)} FROM {Name(sessionTable)} AS s"
            + $" JOIN {Name(organizationTable)} AS g ON {TemplateSessionRead.Column(sql, organization, organizationTable, "g", nameof(Organization.Id))} = {S(nameof(CheckoutSession.OrganizationId))}"
            + $" JOIN {Name(orderTable)} AS o ON {O(nameof(Order.Id))} = {S(nameof(CheckoutSession.OrderId))} AND {O(nameof(Order.OrganizationId))} = {S(nameof(CheckoutSession.OrganizationId))}"
            + $" LEFT JOIN {Name(lineTable)} AS l ON {L(nameof(OrderLine.OrderId))} = {O(nameof(Order.Id))}"
            + $" WHERE {S(nameof(CheckoutSession.Id))} = {sql.GenerateParameterNamePlaceholder("id")}"
            + $" ORDER BY {L(nameof(OrderLine.Id))}";
        var id = session.FindProperty(nameof(CheckoutSession.Id))!;
        return new Query(DbProviderFactories.GetFactory(db.Database.GetDbConnection())!, db.Database.GetConnectionString()!, text,
            id.GetRelationalTypeMapping(), sql.GenerateParameterName("id"));
    }
}
