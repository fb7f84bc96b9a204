using Npgsql;
using Numi.Infrastructure.Persistence;

namespace Numi.Infrastructure.Tests.Persistence;

/// <summary>Numi's PostgreSQL connections skip Npgsql's reset of a reopened pooled connection (a round trip each), unless
/// the operator's connection string says otherwise; everything else in it is kept.</summary>
public sealed class PostgresConnectionsTests
{
    [Fact]
    public void The_reset_on_reopen_is_turned_off_and_the_rest_kept()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnections.Tuned("Host=db;Port=5433;Username=numi;Password=p;Database=numi;Maximum Pool Size=40"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(("db", 5433, "numi", "p", "numi", 40), (tuned.Host, tuned.Port, tuned.Username, tuned.Password, tuned.Database, tuned.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false", false)]
    [InlineData("Host=db;NO RESET ON CLOSE=true", true)]
    public void The_operators_own_choice_wins(string connectionString, bool expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgresConnections.Tuned(connectionString)).NoResetOnClose);
}
