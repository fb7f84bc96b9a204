using System.Reflection;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Persistence;

/// <summary>No SQL Server runs here, so its duplicate-key errors cannot be caused for real. Checked instead: the number
/// mapping, and the whole helper on a <see cref="SqlException"/> carrying that number (SqlClient only makes them
/// internally, so the test builds one through the same internal factory SqlClient uses when a server reports an error).</summary>
public sealed class SqlServerUniqueKeyRaceTests
{
    [Theory]
    [InlineData(2601, true)]  // duplicate key row in a unique index
    [InlineData(2627, true)]  // violation of a PRIMARY KEY or UNIQUE constraint
    [InlineData(515, false)]  // NULL into a NOT NULL column
    [InlineData(547, false)]  // FOREIGN KEY (or CHECK) conflict
    [InlineData(1205, false)] // deadlock victim
    [InlineData(-2, false)]   // timeout
    public void Only_duplicate_key_errors_are_races(int number, bool race)
    {
        Assert.Equal(race, UniqueKeyRace.IsSqlServer(number));
        Assert.Equal(race, UniqueKeyRace.Is(new DbUpdateException("save failed", SqlExceptionWith(number))));
    }

    private static SqlException SqlExceptionWith(int number)
    {
        const BindingFlags Internal = BindingFlags.NonPublic | BindingFlags.Instance;
        var error = typeof(SqlError).GetConstructors(Internal)
            .OrderByDescending(c => c.GetParameters().Length)
            .Select(c => c.Invoke(c.GetParameters().Select(p => Argument(p, number)).ToArray()))
            .Cast<SqlError>().First();
        Assert.Equal(number, error.Number);

        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", Internal)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethod("CreateException", BindingFlags.NonPublic | BindingFlags.Static,
            [typeof(SqlErrorCollection), typeof(string)])
            ?? throw new InvalidOperationException("SqlClient no longer has SqlException.CreateException(errors, serverVersion).");
        var exception = (SqlException)create.Invoke(null, [errors, "16.0"])!;
        Assert.Equal(number, exception.Number);
        return exception;
    }

    private static object? Argument(ParameterInfo parameter, int number) => parameter.ParameterType switch
    {
        var t when t == typeof(int) && parameter.Name == "infoNumber" => number,
        var t when t == typeof(int) => 0,
        var t when t == typeof(byte) => (byte)(parameter.Name == "errorClass" ? 14 : 1),
        var t when t == typeof(string) => "duplicate key",
        var t when t == typeof(uint) => 0u,
        _ => null,
    };
}
