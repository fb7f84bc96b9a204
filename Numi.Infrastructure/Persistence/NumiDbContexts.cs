using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Numi.Core.Common;

namespace Numi.Infrastructure.Persistence;

/// <summary>Makes the provider's context (see <see cref="NumiDbContext"/>) from <see cref="DatabaseOptions"/>:
/// registered in DI as <see cref="NumiDbContext"/> and <see cref="INumiDb"/>, or built directly (tests, tools).</summary>
public static class NumiDbContexts
{
    public static IServiceCollection AddNumiDbContext(this IServiceCollection services, DatabaseOptions database,
        Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
    {
        void Options(IServiceProvider sp, DbContextOptionsBuilder options)
        {
            options.UseNumiDatabase(database);
            configure?.Invoke(sp, options);
        }
        // The options once, not per request: they depend on configuration and singletons only (the interceptors), and
        // building them again for every request's context showed in the checkout page's profile.
        const ServiceLifetime once = ServiceLifetime.Singleton;
        _ = database.Provider switch
        {
            DatabaseProvider.Postgres => services.AddDbContext<NumiDbContext, PostgresNumiDbContext>(Options, ServiceLifetime.Scoped, once),
            DatabaseProvider.SqlServer => services.AddDbContext<NumiDbContext, SqlServerNumiDbContext>(Options, ServiceLifetime.Scoped, once),
            _ => services.AddDbContext<NumiDbContext, SqliteNumiDbContext>(Options, ServiceLifetime.Scoped, once),
        };
        services.AddScoped<INumiDb>(sp => sp.GetRequiredService<NumiDbContext>());
        return services;
    }

    /// <summary>A context outside DI; <paramref name="configure"/> may add interceptors or logging.</summary>
    public static NumiDbContext Create(DatabaseOptions database, ITenantContext? tenant = null, Action<DbContextOptionsBuilder>? configure = null)
    {
        DbContextOptions<T> Options<T>() where T : DbContext
        {
            var builder = new DbContextOptionsBuilder<T>();
            builder.UseNumiDatabase(database);
            configure?.Invoke(builder);
            return builder.Options;
        }
        return database.Provider switch
        {
            DatabaseProvider.Postgres => new PostgresNumiDbContext(Options<PostgresNumiDbContext>(), tenant),
            DatabaseProvider.SqlServer => new SqlServerNumiDbContext(Options<SqlServerNumiDbContext>(), tenant),
            _ => new SqliteNumiDbContext(Options<SqliteNumiDbContext>(), tenant),
        };
    }

    public static DbContextOptionsBuilder UseNumiDatabase(this DbContextOptionsBuilder options, DatabaseOptions database) =>
        database.Provider switch
        {
            DatabaseProvider.Postgres => options.UseNpgsql(PostgresConnections.Tuned(database.ConnectionString)),
            DatabaseProvider.SqlServer => options.UseSqlServer(database.ConnectionString),
            // Pooled (Microsoft.Data.Sqlite's default), each connection set up by SqliteConnectionSetup as it opens.
            _ => options.UseSqlite(database.ConnectionString).AddInterceptors(SqliteConnectionSetup.Instance),
        };
}
