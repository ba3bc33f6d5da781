using Npgsql;

namespace PhonePlatform.Api.IntegrationTests.Support;

/// <summary>
/// A uniquely named PostgreSQL database created from <c>PHONEPLATFORM_TEST_POSTGRES</c> (a superuser connection
/// string; <c>deploy/test.sh</c> exports it) and dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly NpgsqlConnectionStringBuilder admin;

    private TestDatabase(NpgsqlConnectionStringBuilder admin, string name)
    {
        this.admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <param name="adminConnectionString">Another server than PHONEPLATFORM_TEST_POSTGRES (fault-injection tests run their own).</param>
    public static async Task<TestDatabase> CreateAsync(string? adminConnectionString = null)
    {
        var adminString = adminConnectionString ?? Environment.GetEnvironmentVariable("PHONEPLATFORM_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set PHONEPLATFORM_TEST_POSTGRES (deploy/test.sh does).");
        var admin = new NpgsqlConnectionStringBuilder(adminString);
        var name = "pp_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new TestDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
