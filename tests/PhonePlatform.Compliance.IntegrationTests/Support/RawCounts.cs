using Npgsql;

namespace PhonePlatform.Compliance.IntegrationTests.Support;

/// <summary>Row counts read straight from the tables, below EF and its tenant filter.</summary>
internal static class RawCounts
{
    public static readonly string[] WorkspaceTables =
        ["Workspaces", "Memberships", "Sessions", "ApiKeys", "PhoneNumbers", "NumberAccess", "Contacts", "ContactPhone", "ContactEmail", "AuditEntries", "StoredBlobs"];

    public static async Task<long> CountAsync(string connectionString, string table, Guid workspaceId)
    {
        var column = table == "Workspaces" ? "Id" : "WorkspaceId";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE \"{column}\" = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<long> TotalAsync(string connectionString, Guid workspaceId)
    {
        long total = 0;
        foreach (var table in WorkspaceTables)
        {
            total += await CountAsync(connectionString, table, workspaceId);
        }

        return total;
    }
}
