using Npgsql;

namespace PhonePlatform.Compliance.IntegrationTests.Support;

/// <summary>
/// A uniquely named database created from <c>PHONEPLATFORM_TEST_POSTGRES</c> (superuser; <c>deploy/test.sh</c>
/// exports it) and dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string admin;

    private TestDatabase(string admin, string name)
    {
        this.admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable("PHONEPLATFORM_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set PHONEPLATFORM_TEST_POSTGRES (deploy/test.sh does).");
        var name = "pp_compliance_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        return new TestDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
