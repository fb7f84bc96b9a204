using Microsoft.Extensions.Configuration;

namespace Numi.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>Where Numi keeps its data: <c>Database:Provider</c>, <c>ConnectionStrings:Numi</c> and the data folder
/// (<c>Numi:DataDirectory</c>, relative to the content root) for the embedded SQLite file, mail pickup and uploads.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public static DatabaseOptions From(IConfiguration configuration)
    {
        var root = configuration["contentRoot"] ?? Directory.GetCurrentDirectory();
        var dataDirectory = Path.GetFullPath(Path.Combine(root, configuration["Numi:DataDirectory"] ?? "App_Data"));
        var providerName = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var provider))
            throw new InvalidOperationException($"Database:Provider must be Sqlite, Postgres or SqlServer, not '{providerName}'.");

        var connectionString = configuration.GetConnectionString("Numi");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
                throw new InvalidOperationException($"Database:Provider is {provider} but ConnectionStrings:Numi is not set.");
            connectionString = $"Data Source={Path.Combine(dataDirectory, "numi.db")}";
        }
        return new DatabaseOptions(provider, connectionString, dataDirectory);
    }
}
