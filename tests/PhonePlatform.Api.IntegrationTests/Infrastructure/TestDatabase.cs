using Npgsql;
using Testcontainers.PostgreSql;

namespace PhonePlatform.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A uniquely named PostgreSQL database for one fixture, created from the superuser connection in
/// PHONEPLATFORM_TEST_POSTGRES (set by deploy/test.sh) and dropped afterwards. Without that variable it starts a
/// Testcontainers PostgreSQL when Docker is present, and otherwise fails with instructions.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Variable = "PHONEPLATFORM_TEST_POSTGRES";
    private readonly string adminConnection;
    private readonly string name;
    private readonly PostgreSqlContainer? container;

    private TestDatabase(string adminConnection, string name, PostgreSqlContainer? container)
    {
        this.adminConnection = adminConnection;
        this.name = name;
        this.container = container;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnection) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        PostgreSqlContainer? container = null;
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            if (!File.Exists("/var/run/docker.sock"))
            {
                throw new InvalidOperationException(
                    $"{Variable} is not set and Docker is not available. Run ./deploy/test.sh, or export {Variable} " +
                    "with a superuser connection string (source deploy/lib/postgres.sh && pp_ensure_postgres prints one).");
            }

            container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await container.StartAsync();
            admin = container.GetConnectionString();
        }

        var name = "pp_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(admin, name, container);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(adminConnection))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }

    /// <summary>Runs raw SQL against this database (e.g. to tamper with rows the API would never change).</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
