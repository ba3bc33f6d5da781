using Npgsql;

namespace PhonePlatform.Web.BrowserTests.Infrastructure;

/// <summary>A uniquely named database created from PHONEPLATFORM_TEST_POSTGRES (set by deploy/test.sh), dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Variable = "PHONEPLATFORM_TEST_POSTGRES";
    private readonly string admin;
    private readonly string name;

    private TestDatabase(string admin, string name)
    {
        this.admin = admin;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set. Run ./deploy/test.sh, or export it (source deploy/lib/postgres.sh && pp_ensure_postgres prints one).");
        }

        var name = "pp_web_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new TestDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
