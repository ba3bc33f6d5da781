using Npgsql;
using NpgsqlTypes;
using PhonePlatform.Crypto;

namespace PhonePlatform.Data.Encryption;

/// <summary>
/// <see cref="IWrappedKeyStore"/> on the <c>WorkspaceKeys</c> table. Writers of one workspace/purpose serialise on a
/// transaction-scoped advisory lock, so "add a version and make it current" is atomic across processes; the primary
/// key (workspace, purpose, version) decides races for the same version. Destroying overwrites the wrapped bytes with
/// an empty value and keeps the row as a tombstone.
/// </summary>
public sealed class PostgresWrappedKeyStore(NpgsqlDataSource dataSource) : IWrappedKeyStore
{
    public async Task<IReadOnlyList<WrappedKeyRecord>> GetVersionsAsync(Guid workspaceId, KeyPurpose purpose, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT "Version", "ProviderName", "WrappedKey", "IsCurrent", "CreatedAt", "DestroyedAt"
            FROM "WorkspaceKeys" WHERE "WorkspaceId" = $1 AND "Purpose" = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)purpose });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<WrappedKeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new WrappedKeyRecord(
                workspaceId,
                purpose,
                reader.GetInt32(0),
                reader.GetString(1),
                reader.GetFieldValue<byte[]>(2),
                reader.GetBoolean(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return records;
    }

    public async Task<bool> TryAddVersionAsync(WrappedKeyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, record.WorkspaceId, record.Purpose, cancellationToken);

        await using (var insert = new NpgsqlCommand("""
            INSERT INTO "WorkspaceKeys" ("WorkspaceId", "Purpose", "Version", "ProviderName", "WrappedKey", "IsCurrent", "CreatedAt", "DestroyedAt")
            VALUES ($1, $2, $3, $4, $5, FALSE, $6, $7)
            ON CONFLICT DO NOTHING
            """, connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = record.WorkspaceId });
            insert.Parameters.Add(new NpgsqlParameter { Value = (int)record.Purpose });
            insert.Parameters.Add(new NpgsqlParameter { Value = record.Version });
            insert.Parameters.Add(new NpgsqlParameter { Value = record.ProviderName });
            insert.Parameters.Add(new NpgsqlParameter { Value = record.WrappedKey, NpgsqlDbType = NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter { Value = record.CreatedAt.ToUniversalTime() });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)record.DestroyedAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        if (record.IsCurrent)
        {
            await MakeCurrentAsync(connection, record.WorkspaceId, record.Purpose, record.Version, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task SetCurrentAsync(Guid workspaceId, KeyPurpose purpose, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, workspaceId, purpose, cancellationToken);
        if (!await MakeCurrentAsync(connection, workspaceId, purpose, version, cancellationToken))
        {
            throw new InvalidOperationException($"Key {purpose} v{version} of workspace {workspaceId} does not exist or was destroyed.");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DestroyVersionsAsync(Guid workspaceId, KeyPurpose purpose, IReadOnlyCollection<int> versions, DateTimeOffset destroyedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        await using var command = dataSource.CreateCommand("""
            UPDATE "WorkspaceKeys" SET "WrappedKey" = ''::bytea, "IsCurrent" = FALSE, "DestroyedAt" = $4
            WHERE "WorkspaceId" = $1 AND "Purpose" = $2 AND "Version" = ANY($3) AND "DestroyedAt" IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)purpose });
        command.Parameters.Add(new NpgsqlParameter { Value = versions.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = destroyedAt.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task LockAsync(NpgsqlConnection connection, Guid workspaceId, KeyPurpose purpose, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"workspace-keys/{workspaceId:N}/{(int)purpose}" });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Two statements: the partial unique index on the current flag is checked row by row, so clear first, then set.
    private static async Task<bool> MakeCurrentAsync(NpgsqlConnection connection, Guid workspaceId, KeyPurpose purpose, int version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM "WorkspaceKeys"
            WHERE "WorkspaceId" = $1 AND "Purpose" = $2 AND "Version" = $3 AND "DestroyedAt" IS NULL
            """, connection);
        AddSlot(command, workspaceId, purpose, version);
        if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            return false;
        }

        command.CommandText = """
            UPDATE "WorkspaceKeys" SET "IsCurrent" = FALSE WHERE "WorkspaceId" = $1 AND "Purpose" = $2 AND "IsCurrent" AND "Version" <> $3
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = """
            UPDATE "WorkspaceKeys" SET "IsCurrent" = TRUE WHERE "WorkspaceId" = $1 AND "Purpose" = $2 AND "Version" = $3
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    private static void AddSlot(NpgsqlCommand command, Guid workspaceId, KeyPurpose purpose, int version)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = workspaceId });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)purpose });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
    }
}
