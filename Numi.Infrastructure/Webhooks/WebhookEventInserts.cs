using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Numi.Core.Tenancy;
using Numi.Core.Webhooks;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Webhooks;

/// <summary>Stores a batch of received events, each at most once under its (organization, provider, event id), and says
/// which were new. Events already stored (a redelivery), events that another request or node stores at the same moment
/// (the unique index decides) and repeats within the batch all count as duplicates: none of them fails the batch.</summary>
internal static class WebhookEventInserts
{
    /// <summary>SQLite and PostgreSQL: one statement, <c>INSERT … ON CONFLICT (organization, provider, event id) DO
    /// NOTHING</c>, so a concurrent insert of the same event (another node's) is skipped instead of failing the
    /// statement. When it inserted every event (the usual case) that is the whole round trip; when it skipped some, the
    /// rows carrying this batch's own ids are read back to tell which. Sent as raw SQL, not as a LINQ query, so EF has
    /// no query to compile for each batch size. SQL Server has no <c>ON CONFLICT</c>: <see cref="InsertOneByOne"/>.</summary>
    public static IReadOnlySet<Guid> InsertNew(NumiDbContext db, DatabaseProvider provider, IReadOnlyList<WebhookEvent> events) =>
        provider == DatabaseProvider.SqlServer ? InsertOneByOne(db, events) : InsertOnConflictDoNothing(db, events);

    private static HashSet<Guid> InsertOnConflictDoNothing(NumiDbContext db, IReadOnlyList<WebhookEvent> events)
    {
        var fresh = WithoutRepeats(events);
        if (fresh.Count == 0) return [];
        var (sql, arguments) = InsertSql(db, fresh);
        var ids = fresh.Select(e => e.Id).ToList();
        if (db.Database.ExecuteSqlRaw(sql, arguments) == fresh.Count) return [.. ids];
        return [.. db.ExistingWebhookEvents(ids)];
    }

    /// <summary>SQL Server (tested here on the other two): the events of the batch not stored yet are inserted one row at
    /// a time, each loser of a race with another node (the unique index refuses its row) counted as a duplicate. One
    /// multi-row save would be fewer round trips, but EF orders its rows by key, not by event, so two nodes saving
    /// overlapping batches could take their locks in opposite orders and deadlock; rows inserted one by one in event
    /// order (see <see cref="WithoutRepeats"/>) cannot.</summary>
    internal static IReadOnlySet<Guid> InsertOneByOne(NumiDbContext db, IReadOnlyList<WebhookEvent> events)
    {
        var inserted = new HashSet<Guid>();
        foreach (var group in WithoutRepeats(events).GroupBy(e => (e.OrganizationId, e.Provider)))
        {
            var stored = db.StoredWebhookEventIds(group.Key.OrganizationId, group.Key.Provider, group.Select(e => e.EventId).ToList()).ToHashSet();
            foreach (var item in group.Where(e => !stored.Contains(e.EventId)))
            {
                db.WebhookEvents.Add(item);
                try
                {
                    db.SaveChanges();
                    inserted.Add(item.Id);
                }
                catch (Microsoft.EntityFrameworkCore.DbUpdateException e) when (db.IsUniqueKeyRace(e))
                {
                }
                db.ChangeTracker.Clear();
            }
        }
        return inserted;
    }

    /// <summary>The first of each (organization, provider, event id) in the batch (the others are duplicates of it), in
    /// that order: concurrent batches on several nodes then lock the keys they share in the same order, so one waits
    /// for the other instead of both deadlocking.</summary>
    private static List<WebhookEvent> WithoutRepeats(IReadOnlyList<WebhookEvent> events) =>
        events.DistinctBy(e => (e.OrganizationId, e.Provider, e.EventId))
            .OrderBy(e => e.OrganizationId).ThenBy(e => e.Provider, StringComparer.Ordinal).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();

    /// <summary>What a received event has; the other columns (processing) start empty.</summary>
    private static readonly (string Property, Func<WebhookEvent, object> Value)[] Received =
    [
        (nameof(WebhookEvent.Id), e => e.Id), (nameof(WebhookEvent.OrganizationId), e => e.OrganizationId),
        (nameof(WebhookEvent.Provider), e => e.Provider), (nameof(WebhookEvent.EventId), e => e.EventId), (nameof(WebhookEvent.Type), e => e.Type),
        (nameof(WebhookEvent.Payload), e => e.Payload), (nameof(WebhookEvent.ReceivedAt), e => e.ReceivedAt), (nameof(WebhookEvent.Attempts), e => e.Attempts),
    ];

    /// <summary>Table, columns and quoting come from the model, so a rename in the configuration cannot leave this
    /// statement behind. The values go as parameters through EF's type mappings, so a Guid or a time is written exactly
    /// as EF writes it itself (SQLite: upper-case text, <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>).</summary>
    private static (string Sql, object[] Arguments) InsertSql(NumiDbContext db, IReadOnlyList<WebhookEvent> events)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(WebhookEvent))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema))
            .Append(" (").AppendJoin(", ", Received.Select(c => Column(c.Property))).Append(") VALUES ");
        var arguments = new object[events.Count * Received.Length];
        for (var row = 0; row < events.Count; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < Received.Length; column++)
            {
                var index = row * Received.Length + column;
                arguments[index] = Received[column].Value(events[row]);
                text.Append(column == 0 ? "{" : ", {").Append(index).Append('}');
            }
            text.Append(')');
        }
        text.Append(" ON CONFLICT (").AppendJoin(", ", new[] { nameof(WebhookEvent.OrganizationId), nameof(WebhookEvent.Provider), nameof(WebhookEvent.EventId) }.Select(Column))
            .Append(") DO NOTHING");
        return (text.ToString(), arguments);
    }
}
