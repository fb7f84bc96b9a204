using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Numi.Infrastructure.Persistence;

/// <summary>Every unique index over a nullable column is filtered to the rows where those columns have values.
/// SQLite and PostgreSQL already let any number of NULLs through a unique index; SQL Server counts NULL as a value
/// and would allow only one, so without the filter the same data would be refused on one provider only. The filter
/// is written in the running provider's quoting (<c>"Col" IS NOT NULL</c>, <c>[Col] IS NOT NULL</c>), so each
/// provider's generated migration carries its own.</summary>
internal static class UniqueIndexFilters
{
    public static void Apply(IMutableModel model, ISqlGenerationHelper sql)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table) continue;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var index in entity.GetIndexes().Where(i => i.IsUnique && i.GetFilter() is null))
            {
                var nullable = index.Properties.Where(p => p.IsNullable)
                    .Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!) + " IS NOT NULL").ToList();
                if (nullable.Count > 0) index.SetFilter(string.Join(" AND ", nullable));
            }
        }
    }
}
