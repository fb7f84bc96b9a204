using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Numi.Core.Checkout;
using Numi.Core.Common;
using Numi.Core.Organizations;
using Numi.Infrastructure.Persistence;

namespace Numi.Web.Features.Checkout;

/// <summary>The read of a session a page may come from a template for (<see cref="CheckoutPageTemplates"/>): one plain
/// command on a connection of its own, without a DbContext (whose services, query pipeline and materialization were
/// most of a template hit's CPU), reading only the columns of <see cref="CheckoutPageTemplates.Shown"/> and the
/// organization's name and slug. Built once from the app's model (table, column names and the id's type mapping, so it
/// reads what EF reads, on every provider); across organizations by the session's unguessable id, as the page's own
/// read is.</summary>
public sealed class TemplateSessionRead
{
    /// <summary>The session as a template needs it; <see cref="State"/> is everything its page may show, as raw column
    /// values (two sessions with the same state show the same page but for their id), null when its page may not come
    /// from a template (not open, held by a payment, paid, or an upsell's).</summary>
    /// <param name="Paid">The session has its order: its page is the thank-you page (<see cref="ThankYouRead"/>).</param>
    public sealed record Row(Guid Id, Guid OrganizationId, Guid OfferId, DateTime ExpiresAt, string? State, bool Paid = false)
    {
        public byte[] IdBytes() => Encoding.ASCII.GetBytes(PublicId.Format(IdPrefixes.CheckoutSession, Id));
    }

    /// <param name="StatusAt">The status column's place, <paramref name="UnpaidAt"/> those of <see cref="Unpaid"/>.</param>
    private sealed record Query(DbProviderFactory Factory, string ConnectionString, string Sql, RelationalTypeMapping IdMapping, string ParameterName,
        int StatusAt, int[] UnpaidAt);

    private Query? _query;

    public async Task<Row?> ReadAsync(HttpContext http, Guid sessionId, CancellationToken ct)
    {
        var query = _query ??= Build(http.RequestServices.GetRequiredService<NumiDbContext>());
        await using var connection = await OpenAsync(query.Factory, query.ConnectionString, ct);
        await using var command = Command(connection, query.Sql, query.IdMapping, query.ParameterName, sessionId);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, ct);
        if (!await reader.ReadAsync(ct)) return null;
        var expires = DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc);
        return new Row(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), expires, StateOf(query, reader), !reader.IsDBNull(query.UnpaidAt[OrderIdAt]));
    }

    /// <summary>Columns 4 on: the shown properties stored in columns (the others are computed from them), then the
    /// organization's name and slug.</summary>
    private static string? StateOf(Query query, DbDataReader reader)
    {
        if (!Equals(reader.GetValue(query.StatusAt), nameof(CheckoutSessionStatus.Open))) return null;
        foreach (var at in query.UnpaidAt)
            if (!reader.IsDBNull(at)) return null;
        var state = new StringBuilder();
        for (var i = 4; i < reader.FieldCount; i++) Append(state, reader.GetValue(i));
        return state.ToString();
    }

    /// <summary>Adds a raw column value to a state, length-prefixed so two values never read as one.</summary>
    internal static void Append(StringBuilder state, object value)
    {
        var text = value switch
        {
            DBNull => null,
            DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
            byte[] bytes => Convert.ToBase64String(bytes),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        if (text is null) state.Append('~');
        else state.Append(text.Length).Append(':').Append(text);
    }

    /// <summary>Set once a payment holds the session, once it is paid, or on an upsell's session: none may be.</summary>
    private const int OrderIdAt = 1;

    private static readonly string[] Unpaid =
    [
        nameof(CheckoutSession.PendingPaymentIntent), nameof(CheckoutSession.OrderId), nameof(CheckoutSession.ParentOrderId), nameof(CheckoutSession.CompletedAt),
    ];

    /// <summary>A connection of its own, from the provider's pool, outside any DbContext.</summary>
    internal static async Task<DbConnection> OpenAsync(DbProviderFactory factory, string connectionString, CancellationToken ct)
    {
        var connection = factory.CreateConnection()!;
        connection.ConnectionString = connectionString;
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>A command reading by one id, typed as EF types it.</summary>
    internal static DbCommand Command(DbConnection connection, string sql, RelationalTypeMapping idMapping, string parameterName, Guid id)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(idMapping.CreateParameter(command, parameterName, id));
        return command;
    }

    private static Query Build(NumiDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var (session, sessionTable) = Table(db.Model, typeof(CheckoutSession));
        var (organization, organizationTable) = Table(db.Model, typeof(Organization));
        string Column(IEntityType type, StoreObjectIdentifier table, string alias, string property) => TemplateSessionRead.Column(sql, type, table, alias, property);
        string[] sessionColumns =
        [
            nameof(CheckoutSession.Id), nameof(CheckoutSession.OrganizationId), nameof(CheckoutSession.OfferId), nameof(CheckoutSession.ExpiresAt),
            .. CheckoutPageTemplates.Shown.Where(p => session.FindProperty(p) is not null),
        ];
        var columns = sessionColumns.Select(p => Column(session, sessionTable, "s", p))
            .Concat([Column(organization, organizationTable, "o", nameof(Organization.Name)), Column(organization, organizationTable, "o", nameof(Organization.Slug))]);
        var id = session.FindProperty(nameof(CheckoutSession.Id))!;
        var text = $"SELECT {string.Join(", ", columns)} FROM {sql.DelimitIdentifier(sessionTable.Name, sessionTable.Schema)} AS s"
            + $" JOIN {sql.DelimitIdentifier(organizationTable.Name, organizationTable.Schema)} AS o"
            + $" ON {Column(organization, organizationTable, "o", nameof(Organization.Id))} = {Column(session, sessionTable, "s", nameof(CheckoutSession.OrganizationId))}"
            + $" WHERE {Column(session, sessionTable, "s", nameof(CheckoutSession.Id))} = {sql.GenerateParameterNamePlaceholder("id")}";
        var connection = db.Database.GetDbConnection();
        return new Query(DbProviderFactories.GetFactory(connection)!, db.Database.GetConnectionString()!, text, id.GetRelationalTypeMapping(),
            sql.GenerateParameterName("id"), Array.LastIndexOf(sessionColumns, nameof(CheckoutSession.Status)),
            [.. Unpaid.Select(p => Array.LastIndexOf(sessionColumns, p))]);
    }

    /// <summary>A property's column as the model maps it, under a table's alias.</summary>
    internal static string Column(ISqlGenerationHelper sql, IEntityType type, StoreObjectIdentifier table, string alias, string property) =>
        alias + "." + sql.DelimitIdentifier(type.FindProperty(property)!.GetColumnName(table)!);

    internal static (IEntityType Type, StoreObjectIdentifier Table) Table(IModel model, Type clrType)
    {
        var type = model.FindEntityType(clrType)!;
        return (type, StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema()));
    }
}
